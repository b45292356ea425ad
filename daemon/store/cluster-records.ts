/**
 * What the store keeps about clusters: per-context settings (watched, production), failures
 * with their evidence, and compact snapshots. Plain statements; callers wrap them in
 * `store.write` / `store.read`.
 */
import type Database from 'better-sqlite3';
import type { ClusterFailure, FreeGpuSlices } from '../api/contract.ts';

export interface ClusterContextSettings {
  name: string;
  enabled: boolean;
  production: boolean;
}

export interface ClusterSnapshot {
  context: string;
  time: number;
  state: string;
  nodes: number;
  pods: number;
  gpu: FreeGpuSlices[];
}

/** Snapshots kept per context (a week at one every five minutes). */
export const SNAPSHOTS_KEPT = 2016;
/** Failures kept per context, the newest. */
export const FAILURES_KEPT = 5000;

interface FailureRow {
  context: string;
  id: string;
  kind: ClusterFailure['kind'];
  namespace: string;
  pod: string | null;
  container: string | null;
  node: string | null;
  workload: string | null;
  manifest: string | null;
  message: string;
  first_seen: number;
  last_seen: number;
  evidence: string;
}

function failureFromRow(row: FailureRow): ClusterFailure {
  return {
    id: row.id,
    context: row.context,
    kind: row.kind,
    namespace: row.namespace,
    ...(row.pod !== null ? { pod: row.pod } : {}),
    ...(row.container !== null ? { container: row.container } : {}),
    ...(row.node !== null ? { node: row.node } : {}),
    ...(row.workload !== null ? { workload: JSON.parse(row.workload) as ClusterFailure['workload'] } : {}),
    ...(row.manifest !== null ? { manifest: JSON.parse(row.manifest) as ClusterFailure['manifest'] } : {}),
    message: row.message,
    first_seen: row.first_seen,
    last_seen: row.last_seen,
    evidence: JSON.parse(row.evidence) as ClusterFailure['evidence'],
  };
}

export class ClusterRecords {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  settings(): ClusterContextSettings[] {
    const rows = this.#db
      .prepare('SELECT name, enabled, production FROM cluster_contexts ORDER BY name')
      .all() as { name: string; enabled: number; production: number }[];
    return rows.map((r) => ({ name: r.name, enabled: r.enabled === 1, production: r.production === 1 }));
  }

  updateSettings(name: string, change: { enabled?: boolean; production?: boolean }): ClusterContextSettings {
    const current = this.settings().find((s) => s.name === name) ?? {
      name,
      enabled: false,
      production: false,
    };
    const next = {
      name,
      enabled: change.enabled ?? current.enabled,
      production: change.production ?? current.production,
    };
    this.#db
      .prepare(
        `INSERT INTO cluster_contexts (name, enabled, production, updated_time) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET enabled = excluded.enabled, production = excluded.production,
           updated_time = excluded.updated_time`,
      )
      .run(name, next.enabled ? 1 : 0, next.production ? 1 : 0, this.#now());
    return next;
  }

  failureKnown(context: string, id: string): boolean {
    return (
      this.#db.prepare('SELECT 1 FROM cluster_failures WHERE context = ? AND id = ?').get(context, id) !==
      undefined
    );
  }

  recordFailure(failure: ClusterFailure): void {
    this.#db
      .prepare(
        `INSERT INTO cluster_failures (context, id, kind, namespace, pod, container, node, workload, manifest,
           message, first_seen, last_seen, evidence)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (context, id) DO UPDATE SET last_seen = excluded.last_seen`,
      )
      .run(
        failure.context,
        failure.id,
        failure.kind,
        failure.namespace,
        failure.pod ?? null,
        failure.container ?? null,
        failure.node ?? null,
        failure.workload ? JSON.stringify(failure.workload) : null,
        failure.manifest ? JSON.stringify(failure.manifest) : null,
        failure.message,
        failure.first_seen,
        failure.last_seen,
        JSON.stringify(failure.evidence),
      );
    this.#keepNewest(
      { table: 'cluster_failures', key: 'id', order: 'first_seen' },
      failure.context,
      FAILURES_KEPT,
    );
  }

  failureSeenAgain(context: string, id: string, time: number): void {
    this.#db
      .prepare('UPDATE cluster_failures SET last_seen = MAX(last_seen, ?) WHERE context = ? AND id = ?')
      .run(time, context, id);
  }

  /** Newest first. */
  failures(context: string, limit: number): ClusterFailure[] {
    const rows = this.#db
      .prepare('SELECT * FROM cluster_failures WHERE context = ? ORDER BY first_seen DESC, id LIMIT ?')
      .all(context, limit) as FailureRow[];
    return rows.map(failureFromRow);
  }

  recordSnapshot(snapshot: ClusterSnapshot): void {
    this.#db
      .prepare(
        `INSERT OR REPLACE INTO cluster_snapshots (context, time, state, nodes, pods, gpu) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        snapshot.context,
        snapshot.time,
        snapshot.state,
        snapshot.nodes,
        snapshot.pods,
        JSON.stringify(snapshot.gpu),
      );
    this.#keepNewest(
      { table: 'cluster_snapshots', key: 'time', order: 'time' },
      snapshot.context,
      SNAPSHOTS_KEPT,
    );
  }

  /** Deletes a context's rows past the newest `kept`. */
  #keepNewest(
    rows: {
      table: 'cluster_failures' | 'cluster_snapshots';
      key: 'id' | 'time';
      order: 'first_seen' | 'time';
    },
    context: string,
    kept: number,
  ): void {
    const { table, key, order } = rows;
    this.#db
      .prepare(
        `DELETE FROM ${table} WHERE context = ? AND ${key} IN (
           SELECT ${key} FROM ${table} WHERE context = ? ORDER BY ${order} DESC LIMIT -1 OFFSET ?)`,
      )
      .run(context, context, kept);
  }

  /** Newest first. */
  snapshots(context: string, limit: number): ClusterSnapshot[] {
    const rows = this.#db
      .prepare('SELECT * FROM cluster_snapshots WHERE context = ? ORDER BY time DESC LIMIT ?')
      .all(context, limit) as (Omit<ClusterSnapshot, 'gpu'> & { gpu: string })[];
    return rows.map((row) => ({ ...row, gpu: JSON.parse(row.gpu) as FreeGpuSlices[] }));
  }
}
