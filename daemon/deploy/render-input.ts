/** What the renderers need to draw one step of a deployment. */
import type { DeploymentRuntime, DeploymentStrategy, TrafficMethod } from '../api/contract.ts';

export interface ServedVersion {
  version: string;
  image: string;
  storageUri: string;
}

export interface RenderInput {
  deploymentId: string;
  service: string;
  namespace: string;
  model: string;
  framework?: string;
  runtime: DeploymentRuntime;
  traffic: TrafficMethod;
  strategy: DeploymentStrategy;
  /** The GPU resource each replica requests (one unit). */
  gpuResource: string;
  replicas: number;
  /** The new version. */
  next: ServedVersion;
  /** The version serving now, if any. */
  previous?: ServedVersion;
  /** Share of requests the new version serves at this step (shadow: mirrored instead). */
  percent: number;
  /** The Gateway an HTTPRoute attaches to. */
  gateway: string;
}

/** The port the model server listens on and the readiness path (KServe's V2 protocol). */
export const SERVING_PORT = 8080;
export const READINESS_PATH = '/v2/health/ready';
