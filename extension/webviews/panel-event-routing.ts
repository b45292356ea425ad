/**
 * Which daemon change events make an open panel load its subject again: the drift dashboard a
 * report or an alert of the version it shows, the scorecard any registry, drift or alert change
 * of its model (its questions read all of them), the deployment progress panel its deployment's
 * progress. After a resync every following panel loads again (panel-session.ts). No `vscode`
 * import, so it is unit tested.
 */
import type { ChangeEvent } from '../../daemon/api/contract.ts';
import type { DeployProgressSubject } from '../../webviews/deploy-progress/contract.ts';
import type { DriftSubject } from '../../webviews/drift-dashboard/contract.ts';
import type { ScorecardSubject } from '../../webviews/scorecard/contract.ts';

export function driftDashboardReloadsOn(event: ChangeEvent, subject: DriftSubject): boolean {
  return (
    (event.type === 'drift_report_created' || event.type === 'alert_changed') &&
    event.name === subject.model &&
    event.version === subject.version
  );
}

export function scorecardReloadsOn(event: ChangeEvent, subject: ScorecardSubject): boolean {
  return (
    (event.type === 'model_updated' ||
      event.type === 'alias_changed' ||
      event.type === 'stage_changed' ||
      event.type === 'drift_report_created' ||
      event.type === 'alert_changed' ||
      event.type === 'model_version_created') &&
    event.name === subject.model
  );
}

export function deployProgressReloadsOn(event: ChangeEvent, subject: DeployProgressSubject): boolean {
  return event.type === 'deployment_progress' && event.deployment_id === subject.deploymentId;
}
