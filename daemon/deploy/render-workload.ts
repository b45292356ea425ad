/** The serving container and the per-version Deployment and Service. Pure. */
import type { RenderedObject } from '../api/contract.ts';
import { ANNOTATION_DEPLOYMENT, versionLabels, versionObjectName } from './deployment-labels.ts';
import { READINESS_PATH, SERVING_PORT, type RenderInput, type ServedVersion } from './render-input.ts';

export function servingContainer(input: RenderInput, served: ServedVersion, name = 'model-server'): object {
  const gpu = { [input.gpuResource]: '1' };
  return {
    name,
    image: served.image,
    env: [
      { name: 'MODEL_URI', value: served.storageUri },
      { name: 'MODEL_VERSION', value: served.version },
    ],
    ports: [{ name: 'http', containerPort: SERVING_PORT }],
    resources: { requests: { ...gpu, cpu: '1', memory: '4Gi' }, limits: { ...gpu, memory: '4Gi' } },
    readinessProbe: {
      httpGet: { path: READINESS_PATH, port: SERVING_PORT },
      periodSeconds: 5,
      failureThreshold: 3,
    },
    terminationMessagePolicy: 'FallbackToLogsOnError',
  };
}

export function versionDeployment(
  input: RenderInput,
  served: ServedVersion,
  replicas: number,
): RenderedObject {
  const labels = versionLabels(input.service, input.model, served.version);
  const selector = {
    'app.kubernetes.io/name': input.service,
    'mlops-lens.dev/model-version': served.version,
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: versionObjectName(input.service, served.version),
      namespace: input.namespace,
      labels,
      annotations: { [ANNOTATION_DEPLOYMENT]: input.deploymentId },
    },
    spec: {
      replicas,
      selector: { matchLabels: selector },
      template: { metadata: { labels }, spec: { containers: [servingContainer(input, served)] } },
    },
  };
}

export function service(
  input: RenderInput,
  name: string,
  selector: Record<string, string>,
  version?: string,
): RenderedObject {
  const labels = versionLabels(input.service, input.model, version ?? 'all');
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: input.namespace, labels },
    spec: { selector, ports: [{ name: 'http', port: 80, targetPort: SERVING_PORT }] },
  };
}

export function versionService(input: RenderInput, served: ServedVersion): RenderedObject {
  return service(
    input,
    versionObjectName(input.service, served.version),
    { 'app.kubernetes.io/name': input.service, 'mlops-lens.dev/model-version': served.version },
    served.version,
  );
}
