/**
 * Reads and sets the replicas of a Deployment or StatefulSet in one kubeconfig context, through
 * @kubernetes/client-node: a JSON merge patch of `spec.replicas`, with the product's field
 * manager so that the change is attributed to it. Other kinds are refused with a clear error.
 */
import { KubernetesObjectApi, PatchStrategy, type KubeConfig } from '@kubernetes/client-node';
import type { WorkloadRef } from '../api/contract.ts';
import { FIELD_MANAGER } from '../deploy/kube-applier.ts';
import { deployApiError } from '../deploy/deploy-errors.ts';
import { invalidParameter, notFound } from '../store/tracking-error.ts';

export const SCALABLE_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet']);

function describe(workload: WorkloadRef): string {
  return `${workload.kind} ${workload.namespace}/${workload.name}`;
}

function target(workload: WorkloadRef) {
  if (!SCALABLE_KINDS.has(workload.kind))
    throw invalidParameter(
      `${describe(workload)} cannot be scaled: only a Deployment or StatefulSet can (scale its owner instead).`,
    );
  return {
    apiVersion: 'apps/v1',
    kind: workload.kind,
    metadata: { name: workload.name, namespace: workload.namespace },
  };
}

function refusal(error: unknown, what: string): Error {
  const failure = deployApiError(error, what);
  return failure.kind === 'not-found' ? notFound(failure.message) : invalidParameter(failure.message);
}

export class WorkloadScaler {
  readonly #api: KubernetesObjectApi;

  constructor(config: KubeConfig) {
    this.#api = KubernetesObjectApi.makeApiClient(config);
  }

  /** `spec.replicas` of the workload (1 when unset, as Kubernetes defaults it). */
  async replicas(workload: WorkloadRef): Promise<number> {
    const reference = target(workload);
    try {
      const object = (await this.#api.read(reference)) as { spec?: { replicas?: number } };
      return object.spec?.replicas ?? 1;
    } catch (error) {
      throw refusal(error, `read ${describe(workload)}`);
    }
  }

  /** Sets `spec.replicas`; answers the replicas it had before. */
  async scale(workload: WorkloadRef, replicas: number): Promise<number> {
    if (!Number.isInteger(replicas) || replicas < 0)
      throw invalidParameter(`'replicas' must be a non-negative integer, not ${replicas}.`);
    const previous = await this.replicas(workload);
    try {
      await this.#api.patch(
        { ...target(workload), spec: { replicas } },
        undefined,
        undefined,
        FIELD_MANAGER,
        undefined,
        PatchStrategy.MergePatch,
      );
    } catch (error) {
      throw refusal(error, `scale ${describe(workload)}`);
    }
    return previous;
  }
}
