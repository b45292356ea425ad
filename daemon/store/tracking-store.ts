/**
 * The tracking store: one SQLite file behind a plain, synchronous API. Every mutating call
 * runs in exactly one transaction and returns only after it committed, so an HTTP reply sent
 * after the call acknowledges a durable write. It receives its file path and clock from the
 * caller and does no other I/O.
 */
import { AbTestRecords } from './ab-test-records.ts';
import { BusinessMetricRecords } from './business-metric-records.ts';
import type Database from 'better-sqlite3';
import type {
  DatasetInput,
  Experiment,
  KeyValue,
  LineageResponse,
  ModelPageResponse,
  RunPageResponse,
  Metric,
  Run,
  RunInfo,
  SearchRunsResponse,
  ViewType,
} from '../api/contract.ts';
import { AlertRecords } from './alert-records.ts';
import { ArtifactIndex } from './artifact-index.ts';
import { openDatabase } from './database.ts';
import { describeOpenFailure, describeStoreFailure } from './database-errors.ts';
import { DriftBaselineRecords } from './drift-baseline-records.ts';
import { DriftSampleRecords } from './drift-sample-records.ts';
import { VersionTrafficRecords } from './version-traffic-records.ts';
import { OutcomeLabelRecords } from './outcome-label-records.ts';
import {
  ExperimentStore,
  lifecycleStages,
  parseExperimentId,
  type SearchExperimentsQuery,
} from './experiment-store.ts';
import { lineageNeighbourhood } from './lineage-graph.ts';
import { LineageReader } from './lineage-reader.ts';
import { readMetricHistory, type MetricHistoryQuery } from './metric-history.ts';
import type { MigrationReport } from './migrations.ts';
import { readModelPage, type ModelPageQuery } from './model-pages.ts';
import { ModelRegistry } from './model-registry.ts';
import { cutPage, decodePageToken } from './page-token.ts';
import { RunLogging, type BatchInput, type MetricPoint } from './run-logging.ts';
import { readRunPage, type RunPageQuery } from './run-pages.ts';
import type { RunRow } from './run-rows.ts';
import { runOrder, runWhere } from './run-search-sql.ts';
import { RunStore, type CreateRunInput, type UpdateRunInput } from './run-store.ts';
import { parseSearchFilter } from './search-filter.ts';
import { DEFAULT_SEARCH_RUNS_RESULTS, validateMaxResults } from './tracking-limits.ts';
import { PrometheusSettingsRecords } from './prometheus-settings-records.ts';
import { DeploymentRecords } from './deployment-records.ts';
import { ClusterRecords } from './cluster-records.ts';
import { WorkspaceRecords } from './workspace-records.ts';

/** Below this many matching runs, a metric filter is answered from the metric index. */
export const DEFAULT_SELECTIVE_METRIC_MATCHES = 5000;

export interface TrackingStoreOptions {
  /** The SQLite file; created and migrated when needed. */
  readonly dbPath: string;
  /** Epoch milliseconds; tests pass a fixed clock. */
  readonly now?: () => number;
  /** Largest size of the database file; past it writes fail with RESOURCE_EXHAUSTED. */
  readonly maxBytes?: number;
  /** Query planning knob of runs/search (tests set it to force one plan or the other). */
  readonly selectiveMetricMatches?: number;
}

export interface SearchRunsQuery {
  experimentIds: string[];
  filter?: string;
  runViewType?: ViewType;
  maxResults?: number;
  orderBy?: string[];
  pageToken?: string;
}

export function openTrackingStore(options: TrackingStoreOptions): TrackingStore {
  const now = options.now ?? Date.now;
  const { db, migration } = openDatabase({ dbPath: options.dbPath, now: now(), maxBytes: options.maxBytes });
  try {
    return new TrackingStore(
      db,
      now,
      migration,
      options.selectiveMetricMatches ?? DEFAULT_SELECTIVE_METRIC_MATCHES,
    );
  } catch (error) {
    db.close();
    throw describeOpenFailure(options.dbPath, error);
  }
}

export class TrackingStore {
  readonly migration: MigrationReport;
  readonly artifacts: ArtifactIndex;
  readonly registry: ModelRegistry;
  /** Workspace folders and importer state; call inside `write` / `read`. */
  readonly workspaces: WorkspaceRecords;
  /** Each cluster context's Prometheus settings; call inside `write` / `read`. */
  readonly prometheus: PrometheusSettingsRecords;
  readonly clusters: ClusterRecords;
  /** Drift baselines, production samples and reports; call inside `write` / `read`. */
  readonly driftBaselines: DriftBaselineRecords;
  readonly driftSamples: DriftSampleRecords;
  /** Delayed labels by prediction id, joined to the samples; call inside `write` / `read`. */
  readonly outcomeLabels: OutcomeLabelRecords;
  /** Whether a version serves (samples, deployments, labels). */
  readonly versionTraffic: VersionTrafficRecords;
  /** Alerts and their history; call inside `write` / `read`. */
  readonly alerts: AlertRecords;
  /** Deployments and their progress; call inside `write` / `read`. */
  readonly deployments: DeploymentRecords;
  /** A/B tests and their per-user outcomes; call inside `write` / `read`. */
  readonly abTests: AbTestRecords;
  /** Business metrics and their pushed values; call inside `write` / `read`. */
  readonly businessMetrics: BusinessMetricRecords;
  readonly #db: Database.Database;
  readonly #experiments: ExperimentStore;
  readonly #runs: RunStore;
  readonly #logging: RunLogging;
  readonly #lineage: LineageReader;

  readonly #selectiveMatches: number;

  constructor(
    db: Database.Database,
    now: () => number,
    migration: MigrationReport,
    selectiveMatches: number,
  ) {
    this.#db = db;
    this.#selectiveMatches = selectiveMatches;
    this.migration = migration;
    this.#experiments = new ExperimentStore(db, now);
    this.#runs = new RunStore(db, now, this.#experiments);
    this.#logging = new RunLogging(db, this.#runs);
    this.artifacts = new ArtifactIndex(db, now);
    this.#lineage = new LineageReader(db);
    this.workspaces = new WorkspaceRecords(db, now);
    this.driftBaselines = new DriftBaselineRecords(db, now);
    this.driftSamples = new DriftSampleRecords(db, now);
    this.outcomeLabels = new OutcomeLabelRecords(db, now);
    this.versionTraffic = new VersionTrafficRecords(db);
    this.alerts = new AlertRecords(db);
    this.prometheus = new PrometheusSettingsRecords(db);
    this.clusters = new ClusterRecords(db, now);
    this.deployments = new DeploymentRecords(db, now);
    this.abTests = new AbTestRecords(db, now);
    this.businessMetrics = new BusinessMetricRecords(db, now);
    this.registry = new ModelRegistry(db, now, {
      write: (work) => this.write(work),
      read: (work) => this.read(work),
    });
  }

  /** Runs `work` in one transaction; SQLite failures become clear errors after rollback. */
  write<T>(work: () => T): T {
    try {
      return this.#db.transaction(work)();
    } catch (error) {
      throw describeStoreFailure(error, 'write');
    }
  }

  read<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw describeStoreFailure(error, 'read');
    }
  }

  // Experiments
  createExperiment(name: string, artifactLocation?: string, tags: KeyValue[] = []): string {
    return this.write(() => this.#experiments.create(name, artifactLocation, tags));
  }
  getExperiment(experimentId: string): Experiment {
    return this.read(() => this.#experiments.get(experimentId));
  }
  getExperimentByName(name: string): Experiment {
    return this.read(() => this.#experiments.getByName(name));
  }
  searchExperiments(query: SearchExperimentsQuery): { experiments: Experiment[]; nextPageToken?: string } {
    return this.read(() => this.#experiments.search(query));
  }
  renameExperiment(experimentId: string, newName: string): void {
    this.write(() => this.#experiments.rename(experimentId, newName));
  }
  deleteExperiment(experimentId: string): void {
    this.write(() => this.#experiments.setLifecycle(experimentId, 'deleted'));
  }
  restoreExperiment(experimentId: string): void {
    this.write(() => this.#experiments.setLifecycle(experimentId, 'active'));
  }
  setExperimentTag(experimentId: string, tag: KeyValue): void {
    this.write(() => this.#experiments.setTag(experimentId, tag));
  }

  // Runs
  createRun(input: CreateRunInput): Run {
    return this.write(() => this.#runs.create(input));
  }
  getRun(runId: string): Run {
    return this.read(() => this.#runs.get(runId));
  }
  updateRun(runId: string, input: UpdateRunInput): RunInfo {
    return this.write(() => this.#runs.update(runId, input));
  }
  deleteRun(runId: string): void {
    this.write(() => this.#runs.setLifecycle(runId, 'deleted'));
  }
  restoreRun(runId: string): void {
    this.write(() => this.#runs.setLifecycle(runId, 'active'));
  }
  logMetric(runId: string, metric: MetricPoint): void {
    this.write(() => this.#logging.logBatch(runId, { metrics: [metric] }));
  }
  logParam(runId: string, param: KeyValue): void {
    this.write(() => this.#logging.logBatch(runId, { params: [param] }));
  }
  setTag(runId: string, tag: KeyValue): void {
    this.write(() => this.#logging.logBatch(runId, { tags: [tag] }));
  }
  logBatch(runId: string, batch: BatchInput): void {
    this.write(() => this.#logging.logBatch(runId, batch));
  }
  deleteTag(runId: string, key: string): void {
    this.write(() => this.#logging.deleteTag(runId, key));
  }
  logInputs(runId: string, inputs: DatasetInput[]): void {
    this.write(() => this.#logging.logInputs(runId, inputs));
  }
  logModel(runId: string, modelJson: string): void {
    this.write(() => this.#logging.logModel(runId, modelJson));
  }

  getMetricHistory(query: MetricHistoryQuery): { metrics: Metric[]; nextPageToken?: string } {
    return this.read(() => {
      this.#runs.row(query.runId);
      return readMetricHistory(this.#db, query);
    });
  }

  searchRuns(query: SearchRunsQuery): SearchRunsResponse {
    return this.read(() => {
      const limit = query.maxResults ?? DEFAULT_SEARCH_RUNS_RESULTS;
      validateMaxResults(limit);
      const offset = decodePageToken(query.pageToken);
      if (query.experimentIds.length === 0) return { runs: [] };
      const experimentIds = query.experimentIds.map(parseExperimentIdOrNone);
      const stages = lifecycleStages(query.runViewType);
      const where = runWhere(parseSearchFilter(query.filter), (clause, comparison) => {
        const probe = this.#db
          .prepare(
            `SELECT count(*) AS n FROM (SELECT 1 FROM latest_metrics m WHERE m.key = ? AND m.is_nan = 0 AND ${comparison.sql} LIMIT ${this.#selectiveMatches})`,
          )
          .get(clause.key, ...comparison.args) as { n: number };
        return probe.n < this.#selectiveMatches;
      });
      const order = runOrder(query.orderBy ?? []);
      const sql =
        `SELECT r.* FROM runs r ${order.joins.sql}` +
        // A unary + keeps SQLite off the experiment index when a selective metric drives the query.
        ` WHERE ${where.metricIndexDriven ? '+' : ''}r.experiment_id IN (${experimentIds.map(() => '?').join(', ')})` +
        ` AND ${where.metricIndexDriven ? '+' : ''}r.lifecycle_stage IN (${stages.map(() => '?').join(', ')})` +
        `${where.sql} ORDER BY ${order.orderBy} LIMIT ? OFFSET ?`;
      const rows = this.#db
        .prepare(sql)
        .all(...order.joins.args, ...experimentIds, ...stages, ...where.args, limit + 1, offset) as RunRow[];
      const page = cutPage(rows, offset, limit);
      const response: SearchRunsResponse = { runs: this.#runs.readAll(page.items) };
      if (page.nextPageToken !== undefined) response.next_page_token = page.nextPageToken;
      return response;
    });
  }

  /** The lineage neighbourhood of node `root` (`<type>:<id>`), `depth` edges out. */
  lineage(root: string, depth?: number, maxNodes?: number): LineageResponse {
    return this.read(() => lineageNeighbourhood(this.#lineage, root, depth, maxNodes));
  }

  /** The Runs view's page: an experiment's runs, newest first. */
  runPage(query: RunPageQuery): RunPageResponse {
    return this.read(() => readRunPage(this.#db, query));
  }

  /** The Models view's page: registered models by name with their newest versions. */
  modelPage(query: ModelPageQuery): ModelPageResponse {
    return this.read(() => readModelPage(this.#db, query));
  }

  /** Checkpoints the WAL into the main file and closes it. */
  close(): void {
    if (!this.#db.open) return;
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
    this.#db.close();
  }
}

/** An unknown experiment id in a search matches nothing rather than failing the search. */
function parseExperimentIdOrNone(id: string): number {
  try {
    return parseExperimentId(id);
  } catch {
    return -1;
  }
}
