/**
 * Hands serving verdicts to the alert center, which keeps every alert's deduplication, history,
 * silencing and change events. The center decides pending and open from when a condition was
 * first seen; a verdict already knows since when the condition has held (from Prometheus's
 * history), so a new alert is first observed at that time, and then now.
 */
import type { AlertCenter } from '../alerts/alert-center.ts';
import type { Alert, AlertRuleId, ServingAlertVerdict } from '../api/contract.ts';
import type { TrackingStore } from '../store/tracking-store.ts';

const ALERT_RULE_OF: Readonly<Record<ServingAlertVerdict['rule'], { id: AlertRuleId; scale: number }>> = {
  // The alert table states latency in milliseconds and the error rate as a share.
  serving_p99_latency: { id: 'serving/p99-latency', scale: 1000 },
  serving_error_rate: { id: 'serving/error-rate', scale: 1 },
};

export function feedServingAlerts(
  center: AlertCenter,
  store: TrackingStore,
  model: { name: string; version: string },
  verdicts: readonly ServingAlertVerdict[],
  now: number,
): Alert[] {
  const changed: Alert[] = [];
  for (const verdict of verdicts) {
    if (verdict.state === 'unknown' || verdict.value === undefined) continue;
    const { id, scale } = ALERT_RULE_OF[verdict.rule];
    const observation = {
      rule: id,
      modelName: model.name,
      modelVersion: model.version,
      value: verdict.value * scale,
    };
    const key = { rule: id, modelName: model.name, modelVersion: model.version, feature: '' };
    const since = verdict.active_since;
    if (since !== undefined && since < now && store.read(() => store.alerts.active(key)) === undefined) {
      const first = center.observe({ ...observation, time: since });
      if (first !== undefined) changed.push(first);
    }
    const latest = center.observe({ ...observation, time: now });
    if (latest !== undefined) changed.push(latest);
  }
  return changed;
}
