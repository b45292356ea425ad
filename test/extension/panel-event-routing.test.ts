/** Which daemon change events reload the drift dashboard, the scorecard and the deployment panel. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeEvent } from '../../daemon/api/contract.ts';
import {
  deployProgressReloadsOn,
  driftDashboardReloadsOn,
  scorecardReloadsOn,
} from '../../extension/webviews/panel-event-routing.ts';

const churn2 = { model: 'churn', version: '2' };

const driftReport = (name: string, version: string): ChangeEvent => ({
  type: 'drift_report_created',
  report_id: 'd1',
  name,
  version,
  dataset_drift: true,
});
const alertChanged = (name: string, version: string): ChangeEvent => ({
  type: 'alert_changed',
  alert_id: 'a1',
  rule: 'drift/feature-psi',
  name,
  version,
  status: 'open',
  silenced: false,
});
const aliasChanged: ChangeEvent = { type: 'alias_changed', name: 'churn', alias: 'champion', version: '1' };
const runCreated: ChangeEvent = { type: 'run_created', run_id: 'r1', experiment_id: '0' };
const progress = (deploymentId: string): ChangeEvent => ({
  type: 'deployment_progress',
  deployment_id: deploymentId,
  name: 'churn',
  version: '2',
  state: 'progressing',
  traffic_percent: 5,
  message: 'applied 5%',
});

describe('panel event routing', () => {
  it('reloads the drift dashboard on a report or alert of the version it shows only', () => {
    assert.equal(driftDashboardReloadsOn(driftReport('churn', '2'), churn2), true);
    assert.equal(driftDashboardReloadsOn(alertChanged('churn', '2'), churn2), true);
    assert.equal(driftDashboardReloadsOn(driftReport('churn', '1'), churn2), false, 'another version');
    assert.equal(driftDashboardReloadsOn(alertChanged('fraud', '2'), churn2), false, 'another model');
    assert.equal(driftDashboardReloadsOn(aliasChanged, churn2), false);
    assert.equal(driftDashboardReloadsOn(progress('d1'), churn2), false);
  });

  it('reloads the scorecard on any registry, drift or alert change of its model, whichever version', () => {
    const registry: ChangeEvent[] = [
      aliasChanged,
      { type: 'model_updated', name: 'churn' },
      { type: 'stage_changed', name: 'churn', version: '3', stage: 'Staging' },
      { type: 'model_version_created', name: 'churn', version: '3', provenance: 'complete' },
    ];
    for (const event of [...registry, driftReport('churn', '1'), alertChanged('churn', '2')])
      assert.equal(scorecardReloadsOn(event, churn2), true, event.type);
    assert.equal(scorecardReloadsOn(driftReport('fraud', '2'), churn2), false, 'another model');
    assert.equal(scorecardReloadsOn(runCreated, churn2), false);
    assert.equal(scorecardReloadsOn(progress('d1'), churn2), false);
  });

  it("reloads the deployment panel on its own deployment's progress only", () => {
    assert.equal(deployProgressReloadsOn(progress('d1'), { deploymentId: 'd1' }), true);
    assert.equal(deployProgressReloadsOn(progress('d2'), { deploymentId: 'd1' }), false);
    assert.equal(deployProgressReloadsOn(driftReport('churn', '2'), { deploymentId: 'd1' }), false);
  });
});
