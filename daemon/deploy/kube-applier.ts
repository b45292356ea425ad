/**
 * Server-side apply of rendered objects through @kubernetes/client-node: every object is first
 * applied with `dryRun=All` (nothing persisted, every error reported before anything changes),
 * then for real, with the field manager `mlops-lens`. Conflicts are reported, never forced unless
 * asked.
 */
import {
  KubernetesObjectApi,
  PatchStrategy,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import type { RenderedObject } from '../api/contract.ts';
import { deployApiError } from './deploy-errors.ts';
import { LABEL_SERVICE } from './deployment-labels.ts';

export const FIELD_MANAGER = 'mlops-lens';

/** The kinds a deployment may leave behind, to list and clean up. */
export const DEPLOYED_KINDS = [
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute' },
  { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService' },
] as const;

export function describe(object: KubernetesObject): string {
  return `${object.kind ?? '?'} ${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? '?'}`;
}

export class KubeApplier {
  readonly #api: KubernetesObjectApi;

  constructor(config: KubeConfig) {
    this.#api = KubernetesObjectApi.makeApiClient(config);
  }

  /** Server-side dry run of every object; throws on the first refusal. */
  async dryRun(objects: readonly RenderedObject[], force = false): Promise<void> {
    for (const object of objects) await this.#apply(object, 'All', force);
  }

  async apply(objects: readonly RenderedObject[], force = false): Promise<KubernetesObject[]> {
    const applied: KubernetesObject[] = [];
    for (const object of objects) applied.push(await this.#apply(object, undefined, force));
    return applied;
  }

  async #apply(object: RenderedObject, dryRun: 'All' | undefined, force: boolean): Promise<KubernetesObject> {
    try {
      return await this.#api.patch(
        object,
        undefined,
        dryRun,
        FIELD_MANAGER,
        force,
        PatchStrategy.ServerSideApply,
      );
    } catch (error) {
      throw deployApiError(error, `${dryRun ? 'dry run of' : 'apply'} ${describe(object)}`);
    }
  }

  async read(object: KubernetesObject): Promise<KubernetesObject | undefined> {
    try {
      return await this.#api.read({
        apiVersion: object.apiVersion ?? '',
        kind: object.kind ?? '',
        metadata: { name: object.metadata?.name ?? '', namespace: object.metadata?.namespace ?? '' },
      });
    } catch (error) {
      const failure = deployApiError(error, `read ${describe(object)}`);
      if (failure.kind === 'not-found') return undefined;
      throw failure;
    }
  }

  async delete(object: KubernetesObject): Promise<void> {
    try {
      await this.#api.delete(object, undefined, undefined, undefined, undefined, 'Foreground');
    } catch (error) {
      const failure = deployApiError(error, `delete ${describe(object)}`);
      if (failure.kind !== 'not-found') throw failure;
    }
  }

  /** Whether the API server serves a kind (a CRD that is installed). */
  async serves(apiVersion: string, kind: string): Promise<boolean> {
    try {
      await this.#api.list(
        apiVersion,
        kind,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        1,
      );
      return true;
    } catch (error) {
      const failure = deployApiError(error, `list ${kind}`);
      if (failure.kind === 'not-found') return false;
      throw failure;
    }
  }

  /**
   * The objects of a service that this product manages in a namespace. Kinds whose CRD the
   * cluster lacks are skipped.
   */
  async listManaged(namespace: string, service: string): Promise<KubernetesObject[]> {
    const found: KubernetesObject[] = [];
    for (const { apiVersion, kind } of DEPLOYED_KINDS) {
      try {
        const list = await this.#api.list(
          apiVersion,
          kind,
          namespace,
          undefined,
          undefined,
          undefined,
          undefined,
          `${LABEL_SERVICE}=${service}`,
        );
        for (const item of list.items) found.push({ ...item, apiVersion, kind });
      } catch (error) {
        const failure = deployApiError(error, `list ${kind} in ${namespace}`);
        if (failure.kind !== 'not-found') throw failure;
      }
    }
    return found;
  }
}
