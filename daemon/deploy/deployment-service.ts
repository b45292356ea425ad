/**
 * The deploy engine behind the routes: plans, applies in the background, records every step
 * (store, audit log, change feed), rolls back on request, and marks deployments a stopped daemon
 * left in flight as interrupted.
 */
import { randomUUID } from 'node:crypto';
import type {
  DeploymentPlan,
  DeploymentReadings,
  DeploymentRecord,
  DeploymentRequest,
  DeploymentState,
  NodeGpuInventory,
  RenderedObject,
} from '../api/contract.ts';
import { contextConfig, readKubeconfig } from '../clusters/kubeconfig-contexts.ts';
import type { ChangeFeed } from '../http/events/change-feed.ts';
import type { Logger } from '../log/logger.ts';
import { invalidParameter, notFound } from '../store/tracking-error.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { planDeployment, type PlannedDeployment } from './deployment-planner.ts';
import { DeploymentRunner, type RunnerProgress } from './deployment-runner.ts';
import type { CodeChecker } from './code-diagnostics-gate.ts';
import type { GuardrailSource } from './guardrails.ts';
import { KubeApplier } from './kube-applier.ts';

export interface DeploymentServiceOptions {
  store: TrackingStore;
  feed: ChangeFeed;
  logger: Logger;
  kubeconfigFiles: () => string[];
  isProduction(context: string): boolean;
  nodes(context: string): NodeGpuInventory[] | undefined;
  peakMemory(context: string, namespace: string, workload: string): Promise<number | undefined>;
  guardrails: GuardrailSource;
  /** Runs the analyzer for the code-diagnostics gate; without it the gate is not checked. */
  checkCode?: CodeChecker;
  /** Default dwell per canary step (ms); a request's `dwell_ms` overrides it. */
  dwellMs?: number;
  pollMs?: number;
  rolloutTimeoutMs?: number;
}

export const DEFAULT_DWELL_MS = 5 * 60_000;

export class DeploymentService {
  readonly #options: DeploymentServiceOptions;
  /** The last guardrail reading of each deployment this daemon ran. */
  readonly #readings = new Map<string, DeploymentReadings>();
  readonly #running = new Map<
    string,
    { abort: AbortController; stop: AbortController; done: Promise<void> }
  >();

  constructor(options: DeploymentServiceOptions) {
    this.#options = options;
  }

  /** Marks what a stopped daemon left in flight; the cluster keeps whatever step was applied last. */
  markInterrupted(): void {
    const { store } = this.#options;
    for (const record of store.read(() => store.deployments.inFlight())) {
      this.#progress(record.id, record, {
        state: 'interrupted',
        percent: record.traffic_percent,
        message: `the daemon stopped during this deployment: traffic stays at ${record.traffic_percent}% for version ${record.model_version} as last applied; roll it back or apply again`,
      });
    }
  }

  #applier(context: string): KubeApplier {
    const read = readKubeconfig(this.#options.kubeconfigFiles());
    const config = read.config ? contextConfig(read.config, context) : undefined;
    if (!config) throw invalidParameter(`The kubeconfig has no context '${context}'.`);
    return new KubeApplier(config);
  }

  async #plan(request: DeploymentRequest, applier: KubeApplier): Promise<PlannedDeployment> {
    const { context } = request;
    return planDeployment(request, {
      store: this.#options.store,
      applier,
      production: this.#options.isProduction(context),
      nodes: this.#options.nodes(context),
      peakMemory: (namespace, workload) => this.#options.peakMemory(context, namespace, workload),
      ...(this.#options.checkCode ? { checkCode: this.#options.checkCode } : {}),
    });
  }

  async plan(request: DeploymentRequest): Promise<DeploymentPlan> {
    return (await this.#plan(request, this.#applier(request.context))).plan;
  }

  /** Plans, checks the gates and the server-side dry run, then runs the steps in the background. */
  async apply(request: DeploymentRequest, actor: string): Promise<DeploymentRecord> {
    const applier = this.#applier(request.context);
    const { plan, base } = await this.#plan(request, applier);
    const failed = plan.gates.filter((gate) => gate.status === 'failed');
    if (failed.length > 0)
      throw invalidParameter(
        `Deployment refused by its gates: ${failed.map((g) => `${g.id}: ${g.message}`).join('; ')}`,
      );
    const { store } = this.#options;
    const id = randomUUID();
    const version = Number(plan.model_version);
    store.write(() => {
      store.deployments.create({ id, plan, detail: base, actor });
      store.registry.recordDeployment({
        actor,
        name: request.model_name,
        action: 'deploy',
        version,
        ...(plan.previous_version ? { previousVersion: Number(plan.previous_version) } : {}),
        deploymentId: id,
      });
    });
    const subject = { model_name: request.model_name, model_version: plan.model_version };
    const abort = new AbortController();
    const stop = new AbortController();
    const runner = new DeploymentRunner({
      applier,
      guardrails: this.#options.guardrails,
      context: request.context,
      dwellMs: request.dwell_ms ?? this.#options.dwellMs ?? DEFAULT_DWELL_MS,
      pollMs: this.#options.pollMs ?? 5000,
      rolloutTimeoutMs: this.#options.rolloutTimeoutMs ?? 10 * 60_000,
      force: request.force ?? false,
      progress: (update) => this.#progress(id, subject, update),
      readings: ({ evidence, ...values }) =>
        this.#readings.set(id, { time: Date.now(), values, evidence: evidence ?? {} }),
      signal: abort.signal,
      stop: stop.signal,
    });
    this.#progress(id, subject, {
      state: 'progressing',
      percent: 0,
      message: `steps ${plan.steps.join(' → ')}%`,
    });
    const done = runner
      .run({ base: { ...base, deploymentId: id }, steps: plan.steps, triggers: plan.triggers })
      .then((outcome) => {
        if (outcome.state === 'failed' || outcome.state === 'interrupted') return;
        store.write(() =>
          store.registry.recordDeployment({
            actor,
            name: request.model_name,
            action: outcome.state === 'promoted' ? 'promote_deployment' : 'roll_back_deployment',
            version,
            deploymentId: id,
          }),
        );
      })
      .catch((error: unknown) => this.#options.logger.error('deployment failed', { id, error }))
      .finally(() => this.#running.delete(id));
    this.#running.set(id, { abort, stop, done });
    return this.get(id);
  }

  get(id: string): DeploymentRecord {
    const { store } = this.#options;
    const record = store.read(() => store.deployments.get(id));
    if (!record) throw notFound(`Deployment '${id}' not found.`);
    return this.#withReadings(record);
  }

  list(modelName?: string): DeploymentRecord[] {
    const { store } = this.#options;
    return store.read(() => store.deployments.list(modelName)).map((r) => this.#withReadings(r));
  }

  #withReadings(record: DeploymentRecord): DeploymentRecord {
    const readings = this.#readings.get(record.id);
    return readings ? { ...record, readings } : record;
  }

  /**
   * A deployment in progress is stopped and rolled back (its runner restores the previous
   * version); a finished one gives the previous version all traffic again.
   */
  async rollBack(id: string, actor: string): Promise<DeploymentRecord> {
    const record = this.get(id);
    const running = this.#running.get(id);
    if (running) {
      running.abort.abort(new Error(`rollback requested by ${actor}`));
      await running.done;
      return this.get(id);
    }
    if (record.state === 'rolled_back') throw invalidParameter(`Deployment '${id}' is already rolled back.`);
    const planned = this.#options.store.read(() => this.#options.store.deployments.planned(id));
    if (!planned) throw notFound(`Deployment '${id}' not found.`);
    const base = planned.detail as PlannedDeployment['base'];
    const previous = base.previous;
    const runner = new DeploymentRunner({
      applier: this.#applier(record.context),
      guardrails: this.#options.guardrails,
      context: record.context,
      dwellMs: 0,
      pollMs: this.#options.pollMs ?? 5000,
      rolloutTimeoutMs: this.#options.rolloutTimeoutMs ?? 10 * 60_000,
      force: false,
      progress: () => undefined,
    });
    await runner.rollBack({ ...base, deploymentId: id });
    const subject = { model_name: record.model_name, model_version: record.model_version };
    this.#progress(id, subject, {
      state: 'rolled_back',
      percent: 0,
      message: `rolled back by ${actor}; ${previous ? `version ${previous.version} serves 100%` : 'nothing deployed'}`,
    });
    this.#options.store.write(() =>
      this.#options.store.registry.recordDeployment({
        actor,
        name: record.model_name,
        action: 'roll_back_deployment',
        version: Number(record.model_version),
        deploymentId: id,
      }),
    );
    return this.get(id);
  }

  /** What the cluster holds now for a service, without managed fields: the left side of a review diff. */
  async live(context: string, namespace: string, service: string): Promise<RenderedObject[]> {
    const objects = await this.#applier(context).listManaged(namespace, service);
    return objects.map((object) => {
      const { managedFields: _managed, ...metadata } = object.metadata ?? {};
      return { ...object, metadata: { ...metadata, name: metadata.name ?? '' } } as RenderedObject;
    });
  }

  /** Stops watching (no rollback): the deployments stay as applied and read as interrupted. */
  async close(): Promise<void> {
    for (const { stop } of this.#running.values()) stop.abort(new Error('the daemon is stopping'));
    await Promise.all([...this.#running.values()].map((r) => r.done));
  }

  #progress(
    id: string,
    subject: { model_name: string; model_version: string },
    update: RunnerProgress & { state: DeploymentState },
  ): void {
    const { store, feed } = this.#options;
    const reason = update.state === 'rolled_back' || update.state === 'failed' ? update.message : undefined;
    store.write(() => store.deployments.progress(id, update.state, update.percent, update.message, reason));
    feed.publish({
      type: 'deployment_progress',
      deployment_id: id,
      name: subject.model_name,
      version: subject.model_version,
      state: update.state,
      traffic_percent: update.percent,
      message: update.message,
    });
  }
}
