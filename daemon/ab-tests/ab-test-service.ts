/**
 * A/B tests behind the routes: creates a test with its power analysis, records per-user outcomes
 * in the arm the user's hash gives, and computes results against the control.
 */
import { randomBytes } from 'node:crypto';
import {
  AB_ASSIGNMENT_METHOD,
  type AbArmResult,
  type AbComparison,
  type AbPrimaryMetric,
  type AbResults,
  type AbTest,
  type CreateAbTestRequest,
  type PushAbObservationsRequest,
  type PushAbObservationsResponse,
} from '../api/ab-test-contract.ts';
import type { AbObservation } from '../store/ab-test-records.ts';
import { alreadyExists, invalidParameter, notFound } from '../store/tracking-error.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { armMean, armVariance, compareMeans, compareProportions, type ArmTotals } from './arm-comparison.ts';
import { assignArm, MAX_TOTAL_WEIGHT } from './arm-assignment.ts';
import { powerAnalysis } from './power-analysis.ts';
import { testVerdict } from './test-verdict.ts';

const NO_USERS: ArmTotals = { n: 0, sum: 0, sumOfSquares: 0 };

export class AbTestService {
  readonly #store: TrackingStore;
  readonly #now: () => number;

  constructor(store: TrackingStore, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
  }

  create(request: CreateAbTestRequest): AbTest {
    const { arms } = request;
    if (arms.length < 2)
      throw invalidParameter('An A/B test needs at least two arms (the first is the control).');
    const names = new Set<string>();
    for (const arm of arms) {
      if (names.has(arm.name)) throw invalidParameter(`Arm '${arm.name}' is named twice.`);
      names.add(arm.name);
      if (!Number.isSafeInteger(arm.weight) || arm.weight <= 0)
        throw invalidParameter(`Arm '${arm.name}' needs a positive integer weight; got ${arm.weight}.`);
    }
    const totalWeight = arms.reduce((sum, arm) => sum + arm.weight, 0);
    if (totalWeight > MAX_TOTAL_WEIGHT)
      throw invalidParameter(`The arm weights add up to ${totalWeight}; at most ${MAX_TOTAL_WEIGHT}.`);
    const business = this.#store.read(() => this.#store.businessMetrics.get(request.primary_metric.name));
    const requested = request.primary_metric;
    if (business && requested.direction !== undefined && requested.direction !== business.direction)
      throw invalidParameter(
        `Business metric '${business.name}' is defined with ${business.direction} is better; the test says ${requested.direction}.`,
      );
    const metric: AbPrimaryMetric = {
      ...requested,
      direction: business?.direction ?? requested.direction ?? 'higher',
      ...(business ? { business: true } : {}),
    };
    const alpha = request.alpha ?? 0.05;
    const power = request.power ?? 0.8;
    const test: AbTest = {
      name: request.name,
      ...(request.model_name !== undefined ? { model_name: request.model_name } : {}),
      salt: request.salt ?? randomBytes(16).toString('hex'),
      assignment: AB_ASSIGNMENT_METHOD,
      arms,
      primary_metric: metric,
      plan: powerAnalysis(arms, metric, alpha, power),
      created_time: this.#now(),
    };
    const created = this.#store.write(() => this.#store.abTests.create(test));
    if (!created) throw alreadyExists(`A/B test '${request.name}' already exists.`);
    return test;
  }

  get(name: string): AbTest {
    const test = this.#store.read(() => this.#store.abTests.get(name));
    if (!test) throw notFound(`A/B test '${name}' not found.`);
    return test;
  }

  list(): AbTest[] {
    return this.#store.read(() => this.#store.abTests.list());
  }

  assign(name: string, userId: string): string {
    const test = this.get(name);
    return assignArm(test.salt, userId, test.arms);
  }

  record(name: string, request: PushAbObservationsRequest): PushAbObservationsResponse {
    const test = this.get(name);
    const observations: AbObservation[] = request.observations.map((o, index) => {
      const where = `observations[${index}]`;
      if (typeof o.user_id !== 'string' || o.user_id === '')
        throw invalidParameter(`${where}.user_id must be a non-empty string.`);
      if (typeof o.value !== 'number' || !Number.isFinite(o.value))
        throw invalidParameter(`${where}.value must be a finite number; got ${JSON.stringify(o.value)}.`);
      if (test.primary_metric.kind === 'proportion' && o.value !== 0 && o.value !== 1)
        throw invalidParameter(
          `${where}.value must be 0 or 1 for the proportion metric '${test.primary_metric.name}'; got ${o.value}.`,
        );
      const arm = assignArm(test.salt, o.user_id, test.arms);
      if (o.arm !== undefined && o.arm !== arm)
        throw invalidParameter(
          `${where}: user '${o.user_id}' belongs to arm '${arm}' by the test's sticky assignment, not '${o.arm}'.`,
        );
      return { userId: o.user_id, arm, value: o.value };
    });
    return this.#store.write(() => {
      this.#store.abTests.record(name, observations);
      const totals = this.#store.abTests.totals(name);
      return {
        accepted: observations.length,
        users: Object.fromEntries(test.arms.map((arm) => [arm.name, totals.get(arm.name)?.n ?? 0])),
      };
    });
  }

  results(name: string): AbResults {
    const test = this.get(name);
    const totals = this.#store.read(() => this.#store.abTests.totals(name));
    const metric = test.primary_metric;
    const alpha = test.plan.alpha_per_comparison;
    const totalsOf = (arm: string) => totals.get(arm) ?? NO_USERS;
    const arms: AbArmResult[] = test.arms.map(({ name: arm }) => {
      const t = totalsOf(arm);
      return {
        arm,
        users: t.n,
        ...(t.n > 0 ? { value: armMean(t) } : {}),
        ...(metric.kind === 'mean' && t.n > 1 ? { standard_deviation: Math.sqrt(armVariance(t)) } : {}),
      };
    });
    const [control, ...treatments] = test.arms;
    const comparisons: AbComparison[] = [];
    const controlTotals = totalsOf(control?.name ?? '');
    for (const treatment of treatments) {
      const t = totalsOf(treatment.name);
      if (controlTotals.n < 2 || t.n < 2) continue;
      const compared =
        metric.kind === 'proportion'
          ? compareProportions(controlTotals, t, alpha)
          : compareMeans(controlTotals, t, alpha);
      comparisons.push({
        arm: treatment.name,
        difference: compared.difference,
        ci_low: compared.ciLow,
        ci_high: compared.ciHigh,
        confidence: 1 - alpha,
        p_value: compared.pValue,
        method:
          metric.kind === 'proportion'
            ? 'difference of proportions: Wald interval, pooled two-proportion z-test'
            : "difference of means: Welch's t-test and interval",
      });
    }
    const planned = test.plan.sample_size_per_arm;
    return {
      name,
      metric,
      planned_per_arm: planned,
      arms,
      comparisons,
      ...testVerdict(metric, planned, arms, comparisons, alpha),
    };
  }
}
