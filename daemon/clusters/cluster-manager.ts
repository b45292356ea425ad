/**
 * The daemon's clusters: the contexts of the user's kubeconfig with the settings kept in SQLite
 * (watched, production), a ContextWatcher for each watched one, and periodic compact snapshots.
 */
import type {
  ChangeEvent,
  ClusterContextSettingsRequest,
  ClusterContextSummary,
  ClusterContextsResponse,
  ClusterFreshness,
  ManifestLocation,
  WorkloadRef,
} from '../api/contract.ts';
import type { Logger } from '../log/logger.ts';
import { invalidParameter } from '../store/tracking-error.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { ContextWatcher, type PeakGpuMemoryLookup } from './context-watcher.ts';
import type { FailureSink } from './failure-tracker.ts';
import { KubeConnection } from './kube-connection.ts';
import { contextConfig, kubeconfigFiles, readKubeconfig } from './kubeconfig-contexts.ts';
import { ManifestLocator } from './manifest-locator.ts';
import type { ReflectorTiming } from './reflector.ts';
import { WorkloadScaler } from './workload-scaler.ts';

export const DEFAULT_SNAPSHOT_INTERVAL_MS = 5 * 60_000;

export interface ClusterManagerOptions {
  readonly store: TrackingStore;
  readonly publish: (event: ChangeEvent) => void;
  readonly logger: Logger;
  /** Kubeconfig files to read; default `$KUBECONFIG`, else `~/.kube/config`, read again on each use. */
  readonly kubeconfigFiles?: () => string[];
  /** Values to mask in stored log evidence (the daemon's token). */
  readonly secrets?: readonly string[];
  readonly timing?: Partial<ReflectorTiming>;
  readonly batchWindowMs?: number;
  readonly snapshotIntervalMs?: number;
  readonly now?: () => number;
}

const DISABLED: ClusterFreshness = { state: 'disabled', resources: [] };

export class ClusterManager {
  readonly #options: ClusterManagerOptions;
  readonly #watchers = new Map<string, ContextWatcher>();
  /** Why an enabled context has no watcher (not in the kubeconfig, unusable cluster entry). */
  readonly #unwatchable = new Map<string, string>();
  readonly #locator: ManifestLocator;
  readonly #sink: FailureSink;
  readonly #now: () => number;
  #snapshotTimer: NodeJS.Timeout | undefined;
  /** Filled by the metrics engine when a context has Prometheus. */
  peakGpuMemory: PeakGpuMemoryLookup | undefined;

  constructor(options: ClusterManagerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    const { store } = options;
    this.#locator = new ManifestLocator(() =>
      store.read(() => store.workspaces.folders()).map((f) => f.path),
    );
    this.#sink = {
      known: (context, id) => store.read(() => store.clusters.failureKnown(context, id)),
      record: (failure) => store.write(() => store.clusters.recordFailure(failure)),
      seenAgain: (context, id, time) => store.write(() => store.clusters.failureSeenAgain(context, id, time)),
    };
  }

  /** Starts watching every context the user enabled. */
  start(): void {
    const { store } = this.#options;
    for (const settings of store.read(() => store.clusters.settings())) {
      if (settings.enabled) this.#startWatcher(settings.name);
    }
    const interval = this.#options.snapshotIntervalMs ?? DEFAULT_SNAPSHOT_INTERVAL_MS;
    this.#snapshotTimer = setInterval(() => this.snapshot(), interval).unref();
  }

  async close(): Promise<void> {
    clearInterval(this.#snapshotTimer);
    await Promise.all([...this.#watchers.values()].map((w) => w.stop()));
    this.#watchers.clear();
  }

  contexts(): ClusterContextsResponse {
    const files = (this.#options.kubeconfigFiles ?? kubeconfigFiles)();
    const read = readKubeconfig(files);
    const { store } = this.#options;
    const settings = new Map(store.read(() => store.clusters.settings()).map((s) => [s.name, s]));
    const contexts: ClusterContextSummary[] = (read.config?.getContexts() ?? []).map((context) => {
      const cluster = read.config?.getCluster(context.cluster);
      const stored = settings.get(context.name);
      return {
        name: context.name,
        cluster: context.cluster,
        user: context.user,
        ...(cluster?.server ? { server: cluster.server } : {}),
        ...(context.namespace ? { namespace: context.namespace } : {}),
        current: read.config?.getCurrentContext() === context.name,
        enabled: stored?.enabled ?? false,
        production: stored?.production ?? false,
        freshness: this.freshness(context.name),
      };
    });
    return { kubeconfig: read.files, contexts, ...(read.error ? { kubeconfig_error: read.error } : {}) };
  }

  /** Enables, disables or marks a context of the kubeconfig; answers its updated summary. */
  async updateSettings(request: ClusterContextSettingsRequest): Promise<ClusterContextSummary> {
    const known = this.contexts().contexts.find((c) => c.name === request.context);
    if (!known) throw invalidParameter(`The kubeconfig has no context '${request.context}'.`);
    const { store } = this.#options;
    const settings = store.write(() => store.clusters.updateSettings(request.context, request));
    if (settings.enabled && !this.#watchers.has(request.context)) this.#startWatcher(request.context);
    if (!settings.enabled) {
      const watcher = this.#watchers.get(request.context);
      this.#watchers.delete(request.context);
      this.#unwatchable.delete(request.context);
      await watcher?.stop();
      this.#options.publish({ type: 'cluster_state_changed', context: request.context, state: 'disabled' });
    }
    const summary = this.contexts().contexts.find((c) => c.name === request.context);
    return summary ?? { ...known, ...settings };
  }

  freshness(context: string): ClusterFreshness {
    const watcher = this.#watchers.get(context);
    if (watcher) return watcher.freshness();
    const reason = this.#unwatchable.get(context);
    return reason === undefined ? DISABLED : { state: 'error', reason, resources: [] };
  }

  watcher(context: string): ContextWatcher | undefined {
    return this.#watchers.get(context);
  }

  /** The workload of a pod of a watched context, as its cache knows it (for the metrics engine). */
  podWorkload(context: string, namespace: string, pod: string): WorkloadRef | undefined {
    return this.#watchers.get(context)?.podWorkload(namespace, pod);
  }

  /** Where a registered workspace declares the workload, if one does. */
  manifestOf(workload: WorkloadRef): ManifestLocation | undefined {
    return this.#locator.locate(workload);
  }

  /** Reads and scales the Deployments and StatefulSets of a context of the kubeconfig. */
  scaler(context: string): WorkloadScaler {
    const config = readKubeconfig((this.#options.kubeconfigFiles ?? kubeconfigFiles)()).config;
    const single = config ? contextConfig(config, context) : undefined;
    if (!single) throw invalidParameter(`The kubeconfig has no context '${context}'.`);
    return new WorkloadScaler(single);
  }

  isProduction(context: string): boolean {
    const { store } = this.#options;
    return store.read(() => store.clusters.settings()).some((s) => s.name === context && s.production);
  }

  /** Records one compact snapshot of every watched context. */
  snapshot(): void {
    const { store, logger } = this.#options;
    for (const watcher of this.#watchers.values()) {
      try {
        const freshness = watcher.freshness();
        const count = (resource: string): number =>
          freshness.resources.find((r) => r.resource === resource)?.objects ?? 0;
        const snapshot = {
          context: watcher.context,
          time: this.#now(),
          state: freshness.state,
          nodes: count('nodes'),
          pods: count('pods'),
          gpu: watcher.slices(),
        };
        store.write(() => store.clusters.recordSnapshot(snapshot));
      } catch (error) {
        logger.error('cannot record a cluster snapshot', { context: watcher.context, error });
      }
    }
  }

  #startWatcher(context: string): void {
    const { logger, publish } = this.#options;
    const files = (this.#options.kubeconfigFiles ?? kubeconfigFiles)();
    const config = readKubeconfig(files).config;
    const single = config ? contextConfig(config, context) : undefined;
    if (!single) {
      logger.warn('a watched cluster context is not in the kubeconfig', { context });
      this.#unwatchable.set(
        context,
        `the kubeconfig (${files.join(', ') || 'none found'}) has no usable context '${context}'`,
      );
      return;
    }
    let requester;
    try {
      requester = new KubeConnection(single);
    } catch (error) {
      logger.error('cannot connect to a cluster context', { context, error });
      this.#unwatchable.set(context, error instanceof Error ? error.message : String(error));
      return;
    }
    this.#unwatchable.delete(context);
    const watcher = new ContextWatcher({
      context,
      requester,
      publish,
      failures: this.#sink,
      manifestOf: (workload) => this.#locator.locate(workload),
      logger,
      secrets: this.#options.secrets,
      timing: this.#options.timing,
      batchWindowMs: this.#options.batchWindowMs,
      now: this.#now,
    });
    this.#watchers.set(context, watcher);
    watcher.start();
  }
}
