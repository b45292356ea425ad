import { ApiError } from './api-status.ts';
import { scalarText, valueAtPath, type KubeObject } from './kube-object.ts';
import type { ResourceType } from './resource-catalog.ts';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

interface Cause {
  field: string;
  message: string;
}

function containerCauses(containers: unknown, path: string): Cause[] {
  if (!Array.isArray(containers) || containers.length === 0) {
    return [{ field: path, message: 'Required value' }];
  }
  const causes: Cause[] = [];
  containers.forEach((container: Record<string, unknown>, index) => {
    const at = `${path}[${index}]`;
    if (typeof container['name'] !== 'string' || container['name'] === '') {
      causes.push({ field: `${at}.name`, message: 'Required value' });
    }
    if (typeof container['image'] !== 'string' || container['image'] === '') {
      causes.push({ field: `${at}.image`, message: 'Required value' });
    }
    const requests = (valueAtPath(container, ['resources', 'requests']) ?? {}) as Record<string, unknown>;
    const limits = (valueAtPath(container, ['resources', 'limits']) ?? {}) as Record<string, unknown>;
    for (const [name, quantity] of Object.entries({ ...requests, ...limits })) {
      if (!name.startsWith('nvidia.com/')) continue;
      if (!/^\d+$/.test(scalarText(quantity))) {
        causes.push({
          field: `${at}.resources.requests[${name}]`,
          message: `Invalid value: "${scalarText(quantity)}": must be an integer`,
        });
      } else if (name in requests && scalarText(requests[name]) !== scalarText(limits[name])) {
        causes.push({
          field: `${at}.resources.requests`,
          message: `Invalid value: "${scalarText(requests[name])}": must be equal to ${name} limit of ${scalarText(limits[name] ?? 0)}`,
        });
      }
    }
  });
  return causes;
}

function podTemplateCauses(object: KubeObject): Cause[] {
  const causes = containerCauses(
    valueAtPath(object, ['spec', 'template', 'spec', 'containers']),
    'spec.template.spec.containers',
  );
  const selector = valueAtPath(object, ['spec', 'selector', 'matchLabels']) as
    Record<string, string> | undefined;
  const labels = (valueAtPath(object, ['spec', 'template', 'metadata', 'labels']) ?? {}) as Record<
    string,
    string
  >;
  if (!selector) causes.push({ field: 'spec.selector', message: 'Required value' });
  else if (Object.entries(selector).some(([k, v]) => labels[k] !== v)) {
    causes.push({
      field: 'spec.template.metadata.labels',
      message: 'Invalid value: `selector` does not match template `labels`',
    });
  }
  return causes;
}

/** The checks of the real API server that tests lean on; a failure is a 422 Invalid Status with causes. */
export function validateObject(resource: ResourceType, object: KubeObject): void {
  const causes: Cause[] = [];
  const name = object.metadata.name;
  if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
    causes.push({
      field: 'metadata.name',
      message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    });
  }
  if (resource.kind === 'Pod')
    causes.push(...containerCauses(valueAtPath(object, ['spec', 'containers']), 'spec.containers'));
  if (['Deployment', 'StatefulSet', 'ReplicaSet'].includes(resource.kind))
    causes.push(...podTemplateCauses(object));
  if (causes.length === 0) return;
  const qualified = resource.group ? `${resource.kind}.${resource.group}` : resource.kind;
  const message = `${qualified} "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`;
  throw new ApiError(422, 'Invalid', message, {
    name,
    group: resource.group,
    kind: resource.kind,
    causes: causes.map((c) => ({
      type: c.message.startsWith('Required') ? 'FieldValueRequired' : 'FieldValueInvalid',
      ...c,
    })),
  });
}
