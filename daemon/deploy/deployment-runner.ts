/**
 * Runs one deployment against the API server: each traffic step is dry-run, applied, watched
 * until its workloads have rolled out, then held for the dwell time while the guardrails are
 * read. A failed rollout or a fired trigger rolls back: the previous version gets all traffic
 * again and every object of the new version is deleted.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import type { DeploymentState, RenderedObject, RollbackTrigger } from '../api/contract.ts';
import { DeployApiError } from './deploy-errors.ts';
import {
  firedTrigger,
  type GuardrailReading,
  type GuardrailSource,
  type GuardrailSubject,
} from './guardrails.ts';
import { describe, type KubeApplier } from './kube-applier.ts';
import type { RenderInput } from './render-input.ts';
import { renderStep } from './render-manifests.ts';
import { hasRollout, rolloutVerdict } from './rollout-status.ts';

export interface RunnerProgress {
  state: DeploymentState;
  percent: number;
  message: string;
}

export interface RunnerOptions {
  applier: KubeApplier;
  guardrails: GuardrailSource;
  context: string;
  /** How long each step's guardrails must hold. */
  dwellMs: number;
  /** How often rollout status and guardrails are read. */
  pollMs: number;
  /** How long a step's workloads may take to become ready. */
  rolloutTimeoutMs: number;
  force: boolean;
  progress(update: RunnerProgress): void;
  /** Hears each guardrail reading of the new version. */
  readings?(reading: GuardrailReading): void;
  /** Aborting it rolls the deployment back. */
  signal?: AbortSignal;
  /** Aborting it stops watching and leaves the cluster as it is (the daemon is stopping). */
  stop?: AbortSignal;
}

export interface RunSpec {
  /** Everything but the step's percent. */
  base: Omit<RenderInput, 'percent'>;
  steps: readonly number[];
  triggers: readonly RollbackTrigger[];
}

export type RunOutcome =
  | { state: 'promoted'; percent: number }
  | { state: 'rolled_back'; reason: string }
  | { state: 'failed'; reason: string }
  | { state: 'interrupted'; percent: number };

class RollbackNeeded extends Error {}

const sleep = (ms: number, signals: (AbortSignal | undefined)[]) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    for (const signal of signals) {
      if (signal?.aborted) {
        clearTimeout(timer);
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        return;
      }
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        },
        { once: true },
      );
    }
  });

function key(object: KubernetesObject): string {
  return `${object.kind}/${object.metadata?.namespace}/${object.metadata?.name}`;
}

export class DeploymentRunner {
  readonly #options: RunnerOptions;

  constructor(options: RunnerOptions) {
    this.#options = options;
  }

  async run(spec: RunSpec): Promise<RunOutcome> {
    const progress = (update: RunnerProgress) => this.#options.progress(update);
    let current = 0;
    try {
      for (const percent of spec.steps) {
        const objects = renderStep({ ...spec.base, percent });
        await this.#options.applier.dryRun(objects, this.#options.force);
        const since = Date.now();
        progress({
          state: 'progressing',
          percent: current,
          message: `dry run of ${percent}% accepted by the API server`,
        });
        await this.#options.applier.apply(objects, this.#options.force);
        progress({
          state: 'progressing',
          percent,
          message: `applied ${percent}%: ${objects.map(describe).join(', ')}`,
        });
        current = percent;
        await this.#waitForRollout(objects);
        progress({ state: 'progressing', percent, message: `rolled out at ${percent}%` });
        await this.#dwell(spec, percent, since);
        if (percent >= 100) await this.#deleteAllBut(spec.base, objects);
      }
      progress({
        state: 'promoted',
        percent: current,
        message: `version ${spec.base.next.version} serves ${current}%`,
      });
      return { state: 'promoted', percent: current };
    } catch (error) {
      if (this.#options.stop?.aborted) {
        progress({
          state: 'interrupted',
          percent: current,
          message: `stopped watching at ${current}%: the daemon is stopping`,
        });
        return { state: 'interrupted', percent: current };
      }
      const reason = error instanceof Error ? error.message : String(error);
      const conflictOrDenied =
        error instanceof DeployApiError && (error.kind === 'conflict' || error.kind === 'forbidden');
      if (conflictOrDenied && current === 0) {
        progress({ state: 'failed', percent: 0, message: reason });
        return { state: 'failed', reason };
      }
      progress({ state: 'progressing', percent: current, message: `rolling back: ${reason}` });
      try {
        await this.rollBack(spec.base);
      } catch (rollbackError) {
        const why = rollbackError instanceof Error ? rollbackError.message : String(rollbackError);
        const message = `${reason}; the rollback failed too: ${why}`;
        progress({ state: 'failed', percent: current, message });
        return { state: 'failed', reason: message };
      }
      const restored = spec.base.previous
        ? `version ${spec.base.previous.version} serves 100%`
        : 'nothing deployed';
      progress({ state: 'rolled_back', percent: 0, message: `rolled back (${reason}); ${restored}` });
      return { state: 'rolled_back', reason };
    }
  }

  /** Gives the previous version all traffic and deletes every object of the new one. */
  async rollBack(base: RunSpec['base']): Promise<void> {
    const previous = base.previous;
    if (!previous) {
      await this.#deleteAllBut(base, []);
      return;
    }
    const objects = renderStep({
      ...base,
      next: previous,
      previous: undefined,
      strategy: 'direct',
      percent: 100,
    });
    await this.#options.applier.apply(objects, this.#options.force);
    await this.#deleteAllBut(base, objects);
    await this.#waitForRollout(objects);
  }

  async #waitForRollout(objects: readonly RenderedObject[]): Promise<void> {
    const deadline = Date.now() + this.#options.rolloutTimeoutMs;
    for (const object of objects.filter((o) => hasRollout(o.kind))) {
      for (;;) {
        const live = await this.#options.applier.read(object);
        if (!live) throw new RollbackNeeded(`${describe(object)} disappeared during the rollout`);
        const verdict = rolloutVerdict(live);
        if (verdict.state === 'ready') break;
        if (verdict.state === 'failed')
          throw new RollbackNeeded(`${describe(object)} failed to roll out: ${verdict.reason}`);
        if (Date.now() > deadline)
          throw new RollbackNeeded(
            `${describe(object)} not ready after ${this.#options.rolloutTimeoutMs} ms`,
          );
        await sleep(this.#options.pollMs, [this.#options.signal, this.#options.stop]);
      }
    }
  }

  async #dwell(spec: RunSpec, percent: number, since: number): Promise<void> {
    const { guardrails, context, dwellMs, pollMs, signal, stop } = this.#options;
    const until = Date.now() + dwellMs;
    const businessMetric = spec.triggers.find((t) => t.id === 'business-metric')?.metric;
    const subject: GuardrailSubject = {
      context,
      namespace: spec.base.namespace,
      service: spec.base.service,
      version: spec.base.next.version,
      model: spec.base.model,
      ...(spec.base.previous ? { previousVersion: spec.base.previous.version } : {}),
      ...(businessMetric !== undefined ? { businessMetric } : {}),
      since,
    };
    do {
      const reading = await guardrails.read(subject);
      this.#options.readings?.(reading);
      const fired = firedTrigger(spec.triggers, reading);
      if (fired) throw new RollbackNeeded(`at ${percent}%: ${fired}`);
      if (Date.now() >= until) return;
      await sleep(Math.min(pollMs, Math.max(0, until - Date.now())), [signal, stop]);
    } while (Date.now() <= until);
  }

  /** Deletes this service's managed objects that are not among `keep`. */
  async #deleteAllBut(base: RunSpec['base'], keep: readonly RenderedObject[]): Promise<void> {
    const kept = new Set(keep.map((o) => key(o as KubernetesObject)));
    const live = await this.#options.applier.listManaged(base.namespace, base.service);
    for (const object of live) if (!kept.has(key(object))) await this.#options.applier.delete(object);
  }
}
