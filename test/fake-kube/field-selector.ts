import { badRequest } from './api-status.ts';
import { scalarText, valueAtPath, type KubeObject } from './kube-object.ts';
import type { ResourceType } from './resource-catalog.ts';

/** One term of a field selector: `spec.nodeName=gpu-1`, `status.phase!=Running`. */
export interface FieldRequirement {
  field: string;
  equal: boolean;
  value: string;
}

const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];

/** The fields each kind lets a selector use, as the real API server registers them. */
const FIELDS_BY_KIND: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  Job: ['status.successful'],
  ReplicaSet: ['status.replicas'],
};

export function parseFieldSelector(selector: string, resource: ResourceType): FieldRequirement[] {
  const allowed = [...COMMON_FIELDS, ...(FIELDS_BY_KIND[resource.kind] ?? [])];
  return selector
    .split(',')
    .map((term) => term.trim())
    .filter((term) => term !== '')
    .map((term) => {
      const match = /^([^=!]+)(==|=|!=)(.*)$/.exec(term);
      if (!match) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
      const field = (match[1] as string).trim();
      if (!allowed.includes(field)) {
        throw badRequest(`field label not supported: ${field}`);
      }
      return { field, equal: match[2] !== '!=', value: (match[3] as string).trim() };
    });
}

function fieldValue(object: KubeObject, field: string): string {
  if (field === 'source') return scalarText(valueAtPath(object, ['source', 'component']));
  const value = valueAtPath(object, field.split('.'));
  if (value === undefined || value === null) return field === 'spec.unschedulable' ? 'false' : '';
  return scalarText(value);
}

export function fieldsMatch(requirements: readonly FieldRequirement[], object: KubeObject): boolean {
  return requirements.every(({ field, equal, value }) => (fieldValue(object, field) === value) === equal);
}
