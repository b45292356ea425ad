/**
 * The objects of one deployment step: a KServe InferenceService with `canaryTrafficPercent`, or
 * a Deployment and Service per version whose traffic is split by an HTTPRoute's weights (and
 * RequestMirror for shadow) or, coarsely, by their replica ratio behind one Service. Pure.
 */
import type { RenderedObject } from '../api/contract.ts';
import { ANNOTATION_DEPLOYMENT, versionLabels, versionObjectName } from './deployment-labels.ts';
import type { RenderInput } from './render-input.ts';
import { service, servingContainer, versionDeployment, versionService } from './render-workload.ts';

export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

export function renderStep(input: RenderInput): RenderedObject[] {
  if (input.runtime === 'kserve') return [inferenceService(input)];
  if (input.traffic === 'gateway-weights') return gatewaySplit(input);
  return replicaRatioSplit(input);
}

function inferenceService(input: RenderInput): RenderedObject {
  if (input.strategy === 'shadow')
    throw new RenderError(
      'shadow needs Gateway API traffic (RequestMirror); KServe canaries only split traffic',
    );
  const canary = input.previous !== undefined && input.percent < 100;
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name: input.service,
      namespace: input.namespace,
      labels: versionLabels(input.service, input.model, input.next.version),
      annotations: { [ANNOTATION_DEPLOYMENT]: input.deploymentId },
    },
    spec: {
      predictor: {
        minReplicas: input.replicas,
        ...(canary ? { canaryTrafficPercent: input.percent } : {}),
        containers: [servingContainer(input, input.next, 'kserve-container')],
      },
    },
  };
}

/** New and previous replicas for a share of traffic; the effective share is their ratio. */
export function replicaSplit(replicas: number, percent: number): { next: number; previous: number } {
  if (percent >= 100) return { next: replicas, previous: 0 };
  if (percent <= 0) return { next: replicas, previous: replicas };
  const next = Math.max(1, Math.round((replicas * percent) / 100));
  return { next, previous: Math.max(1, replicas - next) };
}

function replicaRatioSplit(input: RenderInput): RenderedObject[] {
  if (input.strategy === 'shadow')
    throw new RenderError(
      'shadow needs Gateway API traffic (RequestMirror); the cluster has no HTTPRoute CRD',
    );
  const previous = input.previous;
  const split = previous
    ? replicaSplit(input.replicas, input.percent)
    : { next: input.replicas, previous: 0 };
  const objects = [versionDeployment(input, input.next, split.next)];
  if (previous && split.previous > 0) objects.push(versionDeployment(input, previous, split.previous));
  // Blue-green switches the one Service from one version to the other; canary puts both behind it.
  const selector: Record<string, string> = { 'app.kubernetes.io/name': input.service };
  if (input.strategy === 'blue-green' || split.previous === 0)
    selector['mlops-lens.dev/model-version'] =
      previous && input.percent < 100 ? previous.version : input.next.version;
  objects.push(service(input, input.service, selector));
  return objects;
}

function gatewaySplit(input: RenderInput): RenderedObject[] {
  const previous = input.previous;
  const done = !previous || input.percent >= 100;
  const objects = [versionDeployment(input, input.next, input.replicas), versionService(input, input.next)];
  if (previous && !done)
    objects.push(versionDeployment(input, previous, input.replicas), versionService(input, previous));
  const nextRef = { name: versionObjectName(input.service, input.next.version), port: 80 };
  const rule: Record<string, unknown> = {};
  if (done) rule.backendRefs = [{ ...nextRef, weight: 100 }];
  else if (input.strategy === 'shadow') {
    rule.backendRefs = [{ name: versionObjectName(input.service, previous.version), port: 80, weight: 100 }];
    rule.filters = [{ type: 'RequestMirror', requestMirror: { backendRef: nextRef } }];
  } else {
    rule.backendRefs = [
      { name: versionObjectName(input.service, previous.version), port: 80, weight: 100 - input.percent },
      { ...nextRef, weight: input.percent },
    ];
  }
  objects.push({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name: input.service,
      namespace: input.namespace,
      labels: versionLabels(input.service, input.model, input.next.version),
      annotations: { [ANNOTATION_DEPLOYMENT]: input.deploymentId },
    },
    spec: { parentRefs: [{ name: input.gateway }], rules: [rule] },
  });
  return objects;
}
