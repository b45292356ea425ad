/**
 * One enabled kubeconfig context: discovers which resources it serves, runs a reflector per
 * resource, derives failures from what changes, announces changes on the change feed, and
 * answers what the routes ask (freshness, GPU inventory, free slices, workload GPU use).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  ChangeEvent,
  ClusterFreshness,
  FreeGpuSlices,
  ManifestLocation,
  NodeGpuInventory,
  ResourceFreshness,
  WorkloadGpuSummary,
  WorkloadRef,
} from '../api/contract.ts';
import type { Logger } from '../log/logger.ts';
import { eventSightings, nodeSightings, podSightings } from './failure-sightings.ts';
import { FailureTracker, type FailureSink } from './failure-tracker.ts';
import { freeSlices, nodeInventories, workloadGpuSummaries } from './gpu-inventory.ts';
import { asKubeApiError } from './kube-api-error.ts';
import type { KubeRequester } from './kube-connection.ts';
import type { KubeNode, KubePod } from './kube-objects.ts';
import { ObjectChangeBatch } from './object-change-batch.ts';
import { podWorkload } from './pod-workload.ts';
import { Reflector, type ReflectorChange, type ReflectorTiming } from './reflector.ts';
import { servedResources } from './resource-discovery.ts';
import { combinedFreshness } from './resource-freshness.ts';
import { ReconnectBackoff } from './reconnect-backoff.ts';
import { EVENTS, NODES, PODS, type WatchedResource } from './watched-resources.ts';

/**
 * The observed peak GPU memory of a workload (MiB), from a metrics source such as Prometheus
 * (DCGM `DCGM_FI_DEV_FB_USED`); undefined when none is configured or it has no figure.
 */
export type PeakGpuMemoryLookup = (context: string, workload: WorkloadRef) => number | undefined;

export interface ContextWatcherOptions {
  readonly context: string;
  readonly requester: KubeRequester;
  readonly publish: (event: ChangeEvent) => void;
  readonly failures: FailureSink;
  readonly manifestOf: (workload: WorkloadRef) => ManifestLocation | undefined;
  readonly logger: Logger;
  readonly secrets?: readonly string[];
  readonly timing?: Partial<ReflectorTiming>;
  readonly batchWindowMs?: number;
  readonly now?: () => number;
}

export class ContextWatcher {
  readonly context: string;
  readonly #options: ContextWatcherOptions;
  readonly #reflectors = new Map<string, Reflector>();
  readonly #tracker: FailureTracker;
  readonly #batch: ObjectChangeBatch;
  readonly #stopper = new AbortController();
  readonly #now: () => number;
  #discovery: ResourceFreshness = { resource: 'discovery', state: 'syncing', objects: 0 };
  #announced: string | undefined;
  #running: Promise<void> | undefined;

  constructor(options: ContextWatcherOptions) {
    this.context = options.context;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#batch = new ObjectChangeBatch(options.context, options.publish, options.batchWindowMs);
    this.#tracker = new FailureTracker({
      context: options.context,
      requester: options.requester,
      sink: options.failures,
      secrets: options.secrets,
      now: this.#now,
      workloadOf: (namespace, pod) => this.podWorkload(namespace, pod),
      manifestOf: options.manifestOf,
      announce: (failure) =>
        options.publish({
          type: 'cluster_failure',
          context: failure.context,
          id: failure.id,
          kind: failure.kind,
          namespace: failure.namespace,
          ...(failure.pod ? { pod: failure.pod } : {}),
        }),
    });
  }

  start(): void {
    this.#running ??= this.#run();
  }

  async stop(): Promise<void> {
    this.#stopper.abort();
    this.#tracker.close();
    await this.#running;
    await Promise.all([...this.#reflectors.values()].map((r) => r.stop()));
    this.#batch.flush();
  }

  freshness(): ClusterFreshness {
    const resources = [...this.#reflectors.values()].map((r) => ({ ...r.freshness }));
    return combinedFreshness(this.#discovery.state === 'live' ? resources : [this.#discovery, ...resources]);
  }

  nodes(): NodeGpuInventory[] {
    return nodeInventories(this.#objects<KubeNode>(NODES), this.#objects<KubePod>(PODS));
  }

  slices(): FreeGpuSlices[] {
    return freeSlices(this.nodes());
  }

  workloads(peak?: PeakGpuMemoryLookup): WorkloadGpuSummary[] {
    const products = new Map<string, string>();
    for (const node of this.#objects<KubeNode>(NODES)) {
      const product = node.metadata?.labels?.['nvidia.com/gpu.product'];
      if (node.metadata?.name && product) products.set(node.metadata.name, product);
    }
    const summaries = workloadGpuSummaries(this.#objects<KubePod>(PODS), products);
    if (peak) {
      for (const summary of summaries) {
        const mib = peak(this.context, summary.workload);
        if (mib !== undefined) summary.peak_gpu_memory_mib = mib;
      }
    }
    return summaries;
  }

  /** The workload of a cached pod (its controller, KServe or Ray owner), if the pod is known. */
  podWorkload(namespace: string, pod: string): WorkloadRef | undefined {
    const object = this.#reflectors.get(PODS.name)?.objects.get(`${namespace}/${pod}`);
    return object ? podWorkload(object) : undefined;
  }

  /** Resolves when every queued log fetch is done (tests). */
  async failuresSettled(): Promise<void> {
    await this.#tracker.idle();
  }

  #objects<T>(resource: WatchedResource): Iterable<T> {
    return (this.#reflectors.get(resource.name)?.objects.values() ?? []) as Iterable<T>;
  }

  async #run(): Promise<void> {
    const backoff = new ReconnectBackoff({ initialMs: 500, maxMs: 60_000 });
    const signal = this.#stopper.signal;
    while (!signal.aborted) {
      try {
        const resources = await servedResources(this.#options.requester, signal);
        this.#discovery = {
          resource: 'discovery',
          state: 'live',
          objects: resources.length,
          last_sync_time: this.#now(),
        };
        for (const resource of resources) this.#startReflector(resource);
        this.#announceState();
        return;
      } catch (error) {
        if (signal.aborted) return;
        const failure = asKubeApiError(error);
        this.#options.logger.warn('cluster discovery failed', {
          context: this.context,
          error: failure.message,
        });
        const previous = this.#discovery;
        this.#discovery = {
          resource: 'discovery',
          state: failure.kind === 'auth' ? 'error' : 'stale',
          objects: 0,
          stale_since: previous.stale_since ?? this.#now(),
          reason: failure.message,
        };
        this.#announceState();
        await sleep(backoff.next(), undefined, { signal }).catch(() => undefined);
      }
    }
  }

  #startReflector(resource: WatchedResource): void {
    const reflector = new Reflector({
      requester: this.#options.requester,
      resource,
      timing: this.#options.timing,
      now: this.#now,
      onFailure: (error) =>
        this.#options.logger.warn('cluster watch failed', {
          context: this.context,
          resource: resource.name,
          kind: error.kind,
          error: error.message,
        }),
      listener: {
        changed: (changed, changes) => this.#changed(changed, changes),
        freshness: () => this.#announceState(),
      },
    });
    this.#reflectors.set(resource.name, reflector);
    reflector.start();
  }

  #changed(resource: WatchedResource, changes: readonly ReflectorChange[]): void {
    this.#batch.add(
      resource.name,
      changes.map((c) => c.key),
    );
    for (const change of changes) {
      if (change.type === 'delete') continue;
      if (resource === PODS) this.#tracker.saw(podSightings(change.object));
      else if (resource === EVENTS) this.#tracker.saw(eventSightings(change.object));
      else if (resource === NODES) this.#tracker.saw(nodeSightings(change.object));
    }
  }

  #announceState(): void {
    const freshness = this.freshness();
    const summary = `${freshness.state}|${freshness.stale_since ?? ''}|${freshness.reason ?? ''}`;
    if (summary === this.#announced) return;
    this.#announced = summary;
    this.#options.publish({
      type: 'cluster_state_changed',
      context: this.context,
      state: freshness.state,
      ...(freshness.stale_since !== undefined ? { stale_since: freshness.stale_since } : {}),
      ...(freshness.reason !== undefined ? { reason: freshness.reason } : {}),
    });
  }
}
