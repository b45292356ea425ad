/** The deployment progress page's pure parts: message validation, steps, traffic, guardrails, verdict. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeploymentRecord, RollbackTrigger, ServingHealthResponse } from '../../daemon/api/contract.ts';
import type { ServingCostResponse } from '../../daemon/api/cost-contract.ts';
import { readingsOf } from '../../extension/deploy/guardrail-readings.ts';
import {
  parseHostMessage,
  parseSubject,
  parseWebviewMessage,
} from '../../webviews/deploy-progress/contract.ts';
import {
  canRollBack,
  guardrailRows,
  servingCostText,
  stepViews,
  trafficText,
  verdict,
} from '../../webviews/deploy-progress/progress-view.ts';

const T = Date.UTC(2026, 10, 26, 2);
const TRIGGERS: RollbackTrigger[] = [
  { id: 'error-rate', direction: 'above', threshold: 0.01, unit: 'ratio' },
  { id: 'p99-latency', direction: 'above', threshold: 200, unit: 'ms' },
  { id: 'drift-psi', direction: 'above', threshold: 0.25, unit: '' },
];

function canary(overrides: Partial<DeploymentRecord> = {}): DeploymentRecord {
  return {
    id: 'd-1',
    model_name: 'churn',
    model_version: '2',
    previous_version: '1',
    context: 'prod',
    namespace: 'ml-serving',
    service_name: 'churn',
    strategy: 'canary',
    runtime: 'kserve',
    state: 'progressing',
    traffic_percent: 25,
    steps: [5, 25, 50, 100],
    traffic: 'kserve-canary',
    triggers: TRIGGERS,
    created_time: T,
    updated_time: T + 1000,
    events: [
      { time: T, state: 'progressing', traffic_percent: 0, message: 'steps 5 → 25 → 50 → 100%' },
      { time: T + 100, state: 'progressing', traffic_percent: 5, message: 'applied 5%' },
      { time: T + 200, state: 'progressing', traffic_percent: 25, message: 'applied 25%' },
    ],
    ...overrides,
  };
}

const readings = { values: { 'error-rate': 0.002, 'p99-latency': 250 }, checkedTime: T };

describe('deployment progress webview', () => {
  it('accepts a well-formed progress message and refuses a malformed one whole', () => {
    const message = { type: 'progress', payload: { deployment: canary(), readings } };
    assert.deepEqual(parseHostMessage(message), message);
    assert.equal(
      parseHostMessage({
        type: 'progress',
        payload: { deployment: { ...canary(), steps: ['5'] }, readings },
      }),
      undefined,
    );
    assert.equal(
      parseHostMessage({
        type: 'progress',
        payload: { deployment: { ...canary(), state: 'done' }, readings },
      }),
      undefined,
    );
    assert.equal(
      parseHostMessage({
        type: 'progress',
        payload: { deployment: canary(), readings: { values: { 'error-rate': '0.2' }, checkedTime: T } },
      }),
      undefined,
    );
    // A trigger the daemon adds later is shown, not refused.
    const later = { id: 'business-metric', direction: 'below', threshold: 0.3, unit: 'ratio' };
    const withLater = {
      type: 'progress',
      payload: { deployment: { ...canary(), triggers: [later] }, readings },
    };
    assert.deepEqual(parseHostMessage(withLater), withLater);
    assert.deepEqual(parseHostMessage({ type: 'error', payload: { message: 'gone' } }), {
      type: 'error',
      payload: { message: 'gone' },
    });
    assert.equal(parseHostMessage({ type: 'unknown', payload: {} }), undefined);
  });

  it('reads the subject and the roll back request, and nothing else', () => {
    assert.deepEqual(parseSubject({ deploymentId: 'd-1' }), { deploymentId: 'd-1' });
    assert.equal(parseSubject({ deploymentId: '' }), undefined);
    assert.equal(parseSubject('d-1'), undefined);
    assert.deepEqual(parseWebviewMessage({ type: 'rollBack', payload: { deploymentId: 'd-1' } }), {
      type: 'rollBack',
      payload: { deploymentId: 'd-1' },
    });
    assert.equal(parseWebviewMessage({ type: 'rollBack', payload: {} }), undefined);
    assert.equal(parseWebviewMessage({ type: 'deploy', payload: { deploymentId: 'd-1' } }), undefined);
  });

  it('marks the steps passed, the current one and those to come', () => {
    assert.deepEqual(
      stepViews(canary()).map((s) => `${s.percent}:${s.state}`),
      ['5:done', '25:current', '50:pending', '100:pending'],
    );
    const promoted = canary({
      state: 'promoted',
      traffic_percent: 100,
      events: [
        ...canary().events,
        { time: T + 300, state: 'progressing', traffic_percent: 50, message: 'applied 50%' },
        { time: T + 400, state: 'progressing', traffic_percent: 100, message: 'applied 100%' },
        { time: T + 500, state: 'promoted', traffic_percent: 100, message: 'version 2 serves 100%' },
      ],
    });
    assert.deepEqual(
      stepViews(promoted).map((s) => s.state),
      ['done', 'done', 'done', 'done'],
    );
    const rolledBack = canary({ state: 'rolled_back', traffic_percent: 0, reason: 'at 25%: error-rate' });
    assert.deepEqual(
      stepViews(rolledBack).map((s) => s.state),
      ['done', 'done', 'pending', 'pending'],
    );
  });

  it('says the traffic split for a canary, a shadow, a promotion and a rollback', () => {
    assert.equal(trafficText(canary()), 'v2 25% · v1 75%');
    assert.equal(
      trafficText(canary({ strategy: 'shadow', traffic_percent: 0 })),
      'v1 serves 100% · v2 gets a mirrored copy, serves 0%',
    );
    assert.equal(trafficText(canary({ state: 'promoted', traffic_percent: 100 })), 'v2 100%');
    assert.equal(
      trafficText(canary({ state: 'rolled_back', traffic_percent: 0 })),
      'v1 100% (restored) · v2 removed',
    );
    const { previous_version: _none, ...first } = canary({ state: 'rolled_back', traffic_percent: 0 });
    assert.equal(trafficText(first), 'v2 removed · nothing serves');
  });

  it('compares each reading with its trigger, and says when there is none', () => {
    assert.deepEqual(guardrailRows(TRIGGERS, readings), [
      { id: 'error-rate', threshold: 'above 0.01', reading: '0.002', status: 'ok' },
      { id: 'p99-latency', threshold: 'above 200 ms', reading: '250 ms', status: 'breached' },
      { id: 'drift-psi', threshold: 'above 0.25', reading: '—', status: 'no reading' },
    ]);
    const down = guardrailRows(TRIGGERS, {
      values: {},
      unavailable: 'Prometheus unavailable',
      checkedTime: T,
    });
    assert.deepEqual(
      down.map((r) => [r.reading, r.status]),
      [
        ['Prometheus unavailable', 'no reading'],
        ['Prometheus unavailable', 'no reading'],
        ['Prometheus unavailable', 'no reading'],
      ],
    );
  });

  it("shows the daemon's drift and shadow readings with their evidence, and refuses malformed ones", () => {
    const runner = {
      time: T,
      values: { 'drift-psi': 0.41, 'error-rate': 0.5 },
      evidence: { 'drift-psi': 'feature amount; drift report 7 of version 2 over 60 samples' },
    };
    const rows = guardrailRows(TRIGGERS, readings, runner);
    assert.deepEqual(rows[2], {
      id: 'drift-psi',
      threshold: 'above 0.25',
      reading: '0.41',
      status: 'breached',
      evidence: 'feature amount; drift report 7 of version 2 over 60 samples',
    });
    // Prometheus read now wins over the runner's last error rate.
    assert.equal(rows[0]?.reading, '0.002');
    const message = { type: 'progress', payload: { deployment: canary({ readings: runner }), readings } };
    assert.deepEqual(parseHostMessage(message), message);
    const malformed = canary({ readings: { ...runner, values: { 'drift-psi': 'high' } } as never });
    assert.equal(
      parseHostMessage({ type: 'progress', payload: { deployment: malformed, readings } }),
      undefined,
    );
  });

  it('gives the verdict and whether a roll back is still possible', () => {
    assert.deepEqual(verdict(canary()), { kind: 'in progress', text: 'Version 2 at 25%' });
    assert.equal(
      verdict(
        canary({
          state: 'rolled_back',
          reason: 'at 5%: error-rate 0.2 is above the rollback threshold 0.01',
        }),
      ).text,
      'Rolled back: at 5%: error-rate 0.2 is above the rollback threshold 0.01',
    );
    assert.equal(
      verdict(canary({ state: 'rolled_back', reason: 'rolled back by ana (VS Code); version 1 serves 100%' }))
        .text,
      'Rolled back by ana (VS Code); version 1 serves 100%',
    );
    assert.equal(verdict(canary({ state: 'promoted', traffic_percent: 100 })).kind, 'promoted');
    assert.equal(canRollBack(canary()), true);
    assert.equal(canRollBack(canary({ state: 'promoted' })), true);
    assert.equal(canRollBack(canary({ state: 'rolled_back' })), false);
  });

  it('takes the readings from the serving health as the triggers read them (p99 in ms)', () => {
    const health: ServingHealthResponse = {
      context: 'prod',
      availability: { state: 'available', checked_time: T },
      p99_latency_seconds: 0.25,
      error_rate: 0.03,
      alerts: [],
    };
    assert.deepEqual(readingsOf(health, T), {
      values: { 'error-rate': 0.03, 'p99-latency': 250 },
      checkedTime: T,
    });
    assert.deepEqual(
      readingsOf(
        { ...health, availability: { state: 'unavailable', checked_time: T, reason: 'refused' } },
        T,
      ),
      { values: {}, unavailable: 'Prometheus unavailable: refused', checkedTime: T },
    );
  });

  const servingCost = (overrides: Partial<ServingCostResponse> = {}): ServingCostResponse => ({
    context: 'prod',
    namespace: 'ml-serving',
    service: 'churn',
    pods: [
      { pod: 'churn-predictor-0', node: 'gpu-1', gpus: 2 / 7, price_per_gpu_hour: 3.5, price_key: 'H100' },
    ],
    gpus: 2 / 7,
    cost_per_hour: 1,
    currency: 'USD',
    requests_per_second: 12.5,
    cost_per_1000_predictions: 0.0222,
    missing: [],
    ...overrides,
  });

  it('shows the cost per 1,000 predictions with the GPUs, their price and the request rate', () => {
    assert.equal(
      servingCostText(servingCost()),
      '0.0222 USD per 1,000 predictions · 0.286 GPUs at 1.00 USD per hour, 12.5 requests/s',
    );
    assert.equal(
      servingCostText(servingCost({ gpus: 1, cost_per_hour: 3.5, cost_per_1000_predictions: 0.32 })),
      '0.32 USD per 1,000 predictions · 1 GPU at 3.50 USD per hour, 12.5 requests/s',
    );
  });

  it('says why the cost per 1,000 predictions is not known', () => {
    assert.equal(
      servingCostText(
        servingCost({
          requests_per_second: undefined,
          cost_per_1000_predictions: undefined,
          missing: ["Prometheus has no http_requests_total for the service's pods"],
        }),
      ),
      "Cost per 1,000 predictions not known: Prometheus has no http_requests_total for the service's pods · " +
        '0.286 GPUs at 1.00 USD per hour.',
    );
    assert.equal(
      servingCostText(
        servingCost({
          pods: [],
          gpus: 0,
          cost_per_hour: 0,
          requests_per_second: undefined,
          cost_per_1000_predictions: undefined,
          missing: ["no pod of 'churn' in namespace 'ml-serving' holds a GPU"],
        }),
      ),
      "Cost per 1,000 predictions not known: no pod of 'churn' in namespace 'ml-serving' holds a GPU.",
    );
    assert.equal(
      servingCostText(undefined),
      'Cost per 1,000 predictions not known: the daemon did not answer.',
    );
  });

  it('accepts a progress message with the serving cost, and refuses a malformed cost', () => {
    const message = { type: 'progress', payload: { deployment: canary(), readings, cost: servingCost() } };
    assert.deepEqual(parseHostMessage(message), message);
    assert.equal(
      parseHostMessage({
        ...message,
        payload: { ...message.payload, cost: { ...servingCost(), gpus: '1' } },
      }),
      undefined,
    );
    assert.equal(
      parseHostMessage({
        ...message,
        payload: { ...message.payload, cost: { ...servingCost(), missing: [1] } },
      }),
      undefined,
    );
  });
});
