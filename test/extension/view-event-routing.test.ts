/** Daemon change events reach only the tree views they concern, coalesced per view. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { CHANGE_EVENT_TYPES, type ChangeEvent } from '../../daemon/api/contract.ts';
import {
  ViewEventRouter,
  viewsOfEvent,
  type RefreshedView,
} from '../../extension/views/view-event-routing.ts';

const runCreated: ChangeEvent = { type: 'run_created', run_id: 'r1', experiment_id: '0' };
const metricsLogged: ChangeEvent = { type: 'metrics_logged', run_id: 'r1', keys: ['loss'], points: 3 };
const aliasChanged: ChangeEvent = { type: 'alias_changed', name: 'churn', alias: 'champion', version: '2' };
const clusterObjects: ChangeEvent = {
  type: 'cluster_objects_changed',
  context: 'lab',
  resources: ['pods'],
  objects: 40,
  keys: ['pods/ml/a'],
};
const driftReport: ChangeEvent = {
  type: 'drift_report_created',
  report_id: 'd1',
  name: 'churn',
  version: '2',
  dataset_drift: true,
};
const alertChanged: ChangeEvent = {
  type: 'alert_changed',
  alert_id: 'a1',
  rule: 'drift/feature-psi',
  name: 'churn',
  version: '2',
  status: 'open',
  silenced: false,
};

describe('routing daemon events to the tree views', () => {
  let refreshed: RefreshedView[];
  let router: ViewEventRouter;
  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    refreshed = [];
    router = new ViewEventRouter(
      { runs: () => refreshed.push('runs'), models: () => refreshed.push('models') },
      300,
    );
  });
  afterEach(() => {
    router.dispose();
    mock.timers.reset();
  });

  it('routes every event type of the contract, run events to Runs and registry events to Models', () => {
    const routed = new Map(
      CHANGE_EVENT_TYPES.map((type) => [type, viewsOfEvent({ type } as ChangeEvent).join(',')]),
    );
    assert.deepEqual(Object.fromEntries(routed), {
      run_created: 'runs',
      run_updated: 'runs',
      metrics_logged: 'runs',
      experiment_changed: 'runs',
      model_version_created: 'models',
      alias_changed: 'models',
      stage_changed: 'models',
      model_updated: 'models',
      cluster_state_changed: '',
      cluster_objects_changed: '',
      cluster_failure: '',
      drift_report_created: '',
      alert_changed: '',
      deployment_progress: '',
      resync: 'runs,models',
    });
  });

  it('refreshes nothing for cluster, drift and alert events', () => {
    router.onEvent(clusterObjects);
    router.onEvent(driftReport);
    router.onEvent(alertChanged);
    mock.timers.tick(1_000);
    assert.deepEqual(refreshed, []);
  });

  it('refreshes only the Runs view, once, for a burst of run events', () => {
    router.onEvent(runCreated);
    router.onEvent(clusterObjects);
    for (let i = 0; i < 20; i++) router.onEvent(metricsLogged);
    assert.deepEqual(refreshed, [], 'not before the delay');
    mock.timers.tick(300);
    assert.deepEqual(refreshed, ['runs']);
    mock.timers.tick(1_000);
    assert.deepEqual(refreshed, ['runs']);
  });

  it('refreshes each view concerned once when both kinds arrive, and again for later events', () => {
    router.onEvent(aliasChanged);
    router.onEvent(runCreated);
    router.onEvent(aliasChanged);
    mock.timers.tick(300);
    assert.deepEqual(refreshed.sort(), ['models', 'runs']);
    router.onEvent(aliasChanged);
    mock.timers.tick(300);
    assert.deepEqual(refreshed.slice(2), ['models']);
  });

  it('refreshes both views on a resync, and nothing after dispose', () => {
    router.onEvent({ type: 'resync' });
    mock.timers.tick(300);
    assert.deepEqual(refreshed.sort(), ['models', 'runs']);
    router.onEvent(runCreated);
    router.dispose();
    mock.timers.tick(1_000);
    assert.equal(refreshed.length, 2);
  });
});
