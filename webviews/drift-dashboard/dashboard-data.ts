/**
 * Shapes the daemon's drift reports, the newest report's histograms and the version's alerts
 * into the dashboard's data. Pure: the panel calls it with what it fetched; the tests call it
 * with what they made.
 */
import type { Alert, DriftReport, FeatureHistogram } from '../../daemon/api/contract.ts';
import type { AlertRow, DriftDashboardData, FeatureRow, Histogram } from './contract.ts';
import { featureVerdict, formatNumber, statisticKind, VERDICT_RANK } from './verdict.ts';

/** A statistic the daemon could not compute arrives as null (NaN in JSON): keep it null. */
function finiteOrNull(value: number | null): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Bin labels: `low–high` for numbers (the edges), the category otherwise. */
export function histogramOf(histogram: FeatureHistogram): Histogram {
  const edges = histogram.edges ?? [];
  const labels =
    histogram.type === 'numerical'
      ? histogram.reference.map((_, i) => `${formatNumber(edges[i] ?? 0)}–${formatNumber(edges[i + 1] ?? 0)}`)
      : [...(histogram.categories ?? [])];
  return { labels, reference: histogram.reference, current: histogram.current };
}

/**
 * Each feature's statistic per report, aligned on the reports' window ends (oldest first); a
 * feature missing from a report gets `null` there.
 */
export function statisticTimeline(reportsNewestFirst: readonly DriftReport[]): {
  times: number[];
  byFeature: Map<string, (number | null)[]>;
} {
  const reports = [...reportsNewestFirst].sort(
    (a, b) => a.window.to - b.window.to || a.created_time - b.created_time,
  );
  const byFeature = new Map<string, (number | null)[]>();
  reports.forEach((report, index) => {
    for (const feature of report.features) {
      let values = byFeature.get(feature.feature);
      if (!values) {
        values = new Array<number | null>(reports.length).fill(null);
        byFeature.set(feature.feature, values);
      }
      values[index] = finiteOrNull(feature.statistic);
    }
  });
  return { times: reports.map((r) => r.window.to), byFeature };
}

function alertRow(alert: Alert, now: number): AlertRow {
  return {
    alertId: alert.alert_id,
    rule: alert.rule,
    ...(alert.feature !== undefined ? { feature: alert.feature } : {}),
    status: alert.status,
    silenced: alert.silenced_until !== undefined && alert.silenced_until > now,
    value: alert.value,
    threshold: alert.threshold,
    message: alert.message,
    lastSeen: alert.last_seen,
  };
}

export function dashboardData(
  model: string,
  version: string,
  reportsNewestFirst: readonly DriftReport[],
  histograms: readonly FeatureHistogram[],
  alerts: readonly Alert[],
  now: number,
): DriftDashboardData {
  const latest = reportsNewestFirst[0];
  const timeline = statisticTimeline(reportsNewestFirst);
  const binned = new Map(histograms.map((h) => [h.feature, histogramOf(h)]));
  const features: FeatureRow[] = (latest?.features ?? []).map((feature) => {
    const histogram = binned.get(feature.feature);
    return {
      feature: feature.feature,
      type: feature.type,
      isPrediction: feature.is_prediction,
      stattest: feature.stattest,
      kind: statisticKind(feature.stattest),
      statistic: finiteOrNull(feature.statistic),
      threshold: feature.threshold,
      verdict: featureVerdict(feature),
      psi: finiteOrNull(feature.psi),
      ...(histogram ? { histogram } : {}),
      timeline: timeline.byFeature.get(feature.feature) ?? timeline.times.map(() => null),
    };
  });
  features.sort(
    (a, b) => VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || a.feature.localeCompare(b.feature),
  );
  const statusRank = { open: 0, pending: 1, resolved: 2 } as const;
  const alertRows = alerts
    .map((alert) => alertRow(alert, now))
    .sort((a, b) => statusRank[a.status] - statusRank[b.status] || b.lastSeen - a.lastSeen);
  return {
    model,
    version,
    ...(latest
      ? {
          report: {
            reportId: latest.report_id,
            createdTime: latest.created_time,
            windowFrom: latest.window.from,
            windowTo: latest.window.to,
            windowCount: latest.window.count,
            referenceKind: latest.reference.kind,
            referenceCount: latest.reference.count,
            driftedFeatures: latest.drifted_features,
            driftShare: latest.drift_share,
            driftShareThreshold: latest.drift_share_threshold,
            datasetDrift: latest.dataset_drift,
          },
        }
      : {}),
    features,
    timelineTimes: timeline.times,
    alerts: alertRows,
  };
}
