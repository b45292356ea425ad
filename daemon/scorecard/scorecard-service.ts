/**
 * Gathers a model version's scorecard facts from the store in one read (registry, lineage,
 * drift, samples, labels, deployments, Prometheus settings, alerts) and judges them with
 * scorecard-answers.ts.
 */
import type { ModelVersion } from '../api/contract.ts';
import type { Scorecard } from '../api/scorecard-contract.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { scorecardOf } from './scorecard-answers.ts';
import type { ScorecardFacts } from './scorecard-facts.ts';

const LINEAGE_DEPTH = 2;

export class ScorecardService {
  readonly #store: TrackingStore;
  readonly #now: () => number;

  constructor(store: TrackingStore, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
  }

  scorecard(name: string, version: string): Scorecard {
    return scorecardOf(this.facts(name, version), this.#now());
  }

  facts(name: string, versionNumber: string): ScorecardFacts {
    const store = this.#store;
    const version = store.registry.getVersion(name, versionNumber);
    const metadata = store.registry.versionMetadata(name, versionNumber);
    const lineage = store.lineage(`model_version:${name}@${version.version}`, LINEAGE_DEPTH);
    const audit = store.registry.auditTrail(name);
    return store.read(() => {
      const baselineId = store.driftBaselines.forVersion(name, version.version);
      const baseline = baselineId === undefined ? undefined : store.driftBaselines.load(baselineId);
      const last = store.versionTraffic.lastSampleTime(name, version.version);
      return {
        version,
        metadata,
        lineage,
        otherVersions: otherVersions(store, version),
        aliasHistory: version.aliases.map((alias) => ({
          alias,
          previous: audit.findLast(
            (e) => e.action === 'set_alias' && e.alias === alias && e.version === version.version,
          )?.previous_version,
        })),
        ...(baseline === undefined
          ? {}
          : {
              baseline: {
                id: baseline.info.baseline_id,
                features: baseline.features.size,
                hasSchema: baseline.dataSchema !== undefined,
              },
            }),
        driftReports: store.driftSamples.reports(name, version.version).map((r) => ({
          id: r.report_id,
          created_time: r.created_time,
          drifted_features: r.drifted_features,
        })),
        samples: {
          count: store.versionTraffic.sampleCount(name, version.version),
          ...(last === undefined ? {} : { last }),
        },
        labelled: store.versionTraffic.labelledCount(name, version.version),
        deployments: store.versionTraffic.servingDeployments(name, version.version),
        prometheusContexts: store.prometheus.list().map((p) => p.context),
        openAlerts: store.alerts
          .list({ status: 'open', modelName: name, modelVersion: version.version })
          .map((a) => `${a.alert_id} ${a.rule}${a.feature === undefined ? '' : ` (${a.feature})`}`),
      };
    });
  }
}

function otherVersions(store: TrackingStore, version: ModelVersion): { version: string; stage: string }[] {
  const literal = `'${version.name.replaceAll("'", "''")}'`;
  const { versions } = store.registry.searchVersions({ filter: `name = ${literal}`, maxResults: 1000 });
  return versions
    .filter((v) => v.version !== version.version)
    .map((v) => ({ version: v.version, stage: v.current_stage }));
}
