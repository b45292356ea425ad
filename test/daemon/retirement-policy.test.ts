/**
 * The retirement policy's decision, pure: a live deployment or an alias keeps a version, a
 * deployment replaced long ago or an old serving sample does not, and a version registered
 * within the window is never retired.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DAY_MS,
  retirementCandidate,
  type VersionTraffic,
} from '../../daemon/scorecard/retirement-policy.ts';
import type { ServingDeployment } from '../../daemon/store/version-traffic-records.ts';

const NOW = Date.UTC(2026, 10, 26);
const version = (extra: Partial<VersionTraffic> = {}): VersionTraffic => ({
  model_name: 'churn',
  model_version: '4',
  stage: 'None',
  created_time: NOW - 90 * DAY_MS,
  aliases: [],
  deployments: [],
  ...extra,
});
const deployment = (extra: Partial<ServingDeployment>): ServingDeployment => ({
  id: 'd1',
  context: 'prod',
  namespace: 'ml',
  service_name: 'churn',
  state: 'promoted',
  traffic_percent: 100,
  created_time: NOW - 80 * DAY_MS,
  triggers: [],
  ...extra,
});

describe('retirement policy', () => {
  it('keeps a version that an alias points at or that a deployment still serves', () => {
    assert.equal(retirementCandidate(version({ aliases: ['production'] }), 30, NOW), undefined);
    assert.equal(retirementCandidate(version({ deployments: [deployment({})] }), 30, NOW), undefined);
  });

  it('retires a version whose deployment was replaced, counting from the replacement', () => {
    const replaced = version({ deployments: [deployment({ until: NOW - 45 * DAY_MS })] });
    const candidate = retirementCandidate(replaced, 30, NOW);
    assert.equal(candidate?.last_traffic_time, NOW - 45 * DAY_MS);
    assert.match(candidate?.reason ?? '', /^no traffic for 45 days \(last 2026-10-12T00:00:00\.000Z\)$/);
    assert.equal(retirementCandidate(replaced, 60, NOW), undefined, 'replaced 45 days ago: not idle for 60');
  });

  it('weighs serving samples, registration time and stage', () => {
    assert.equal(retirementCandidate(version({ last_sample_time: NOW - 2 * DAY_MS }), 30, NOW), undefined);
    assert.equal(retirementCandidate(version({ created_time: NOW - 10 * DAY_MS }), 30, NOW), undefined);
    assert.equal(retirementCandidate(version({ stage: 'Archived' }), 30, NOW), undefined);
    assert.deepEqual(retirementCandidate(version(), 30, NOW), {
      model_name: 'churn',
      model_version: '4',
      stage: 'None',
      reason: 'never served (no deployment, no serving sample) in the 90 days since it was registered',
      rollback_command: 'mlops-lens models promote churn 4 --alias ALIAS',
    });
  });
});
