/**
 * Deployments of model versions and their progress events. Plain statements; callers wrap them
 * in `store.write` / `store.read`.
 */
import type Database from 'better-sqlite3';
import type { DeploymentEvent, DeploymentPlan, DeploymentRecord, DeploymentState } from '../api/contract.ts';

/** A `deployments` row as SQLite returns it. */
export interface DeploymentRow {
  id: string;
  model_name: string;
  model_version: number;
  previous_version: number | null;
  context: string;
  namespace: string;
  service_name: string;
  strategy: DeploymentRecord['strategy'];
  runtime: DeploymentRecord['runtime'];
  state: DeploymentState;
  traffic_percent: number;
  reason: string | null;
  plan_json: string;
  actor: string;
  created_time: number;
  updated_time: number;
}

export interface NewDeployment {
  id: string;
  plan: DeploymentPlan;
  /** What the engine needs to restore the previous version later, kept as JSON. */
  detail: unknown;
  actor: string;
}

export class DeploymentRecords {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  create({ id, plan, detail, actor }: NewDeployment): void {
    const now = this.#now();
    const { request } = plan;
    this.#db
      .prepare(
        `INSERT INTO deployments (id, model_name, model_version, previous_version, context, namespace, service_name,
           strategy, runtime, state, traffic_percent, reason, plan_json, actor, created_time, updated_time)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned', 0, NULL, ?, ?, ?, ?)`,
      )
      .run(
        id,
        request.model_name,
        Number(plan.model_version),
        plan.previous_version !== undefined ? Number(plan.previous_version) : null,
        request.context,
        request.namespace,
        request.service_name ?? request.model_name,
        request.strategy,
        plan.runtime,
        JSON.stringify({ plan, detail }),
        actor,
        now,
        now,
      );
  }

  /** Records a progress line and the deployment's state after it. */
  progress(id: string, state: DeploymentState, percent: number, message: string, reason?: string): void {
    const now = this.#now();
    this.#db
      .prepare(
        `UPDATE deployments SET state = ?, traffic_percent = ?, reason = COALESCE(?, reason), updated_time = ? WHERE id = ?`,
      )
      .run(state, percent, reason ?? null, now, id);
    this.#db
      .prepare(
        'INSERT INTO deployment_events (deployment_id, time, state, traffic_percent, message) VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, now, state, percent, message);
  }

  get(id: string): DeploymentRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM deployments WHERE id = ?').get(id) as
      DeploymentRow | undefined;
    return row ? this.#record(row) : undefined;
  }

  planned(id: string): { plan: DeploymentPlan; detail: unknown } | undefined {
    const row = this.#db.prepare('SELECT plan_json FROM deployments WHERE id = ?').get(id) as
      { plan_json: string } | undefined;
    return row ? (JSON.parse(row.plan_json) as { plan: DeploymentPlan; detail: unknown }) : undefined;
  }

  /** Newest first; of one model when `modelName` is given. */
  list(modelName?: string): DeploymentRecord[] {
    const rows = (
      modelName === undefined
        ? this.#db.prepare('SELECT * FROM deployments ORDER BY created_time DESC, id DESC').all()
        : this.#db
            .prepare('SELECT * FROM deployments WHERE model_name = ? ORDER BY created_time DESC, id DESC')
            .all(modelName)
    ) as DeploymentRow[];
    return rows.map((row) => this.#record(row));
  }

  /** Deployments that were in flight (a daemon stopped during them). */
  inFlight(): DeploymentRecord[] {
    const rows = this.#db
      .prepare(`SELECT * FROM deployments WHERE state IN ('planned', 'progressing') ORDER BY created_time`)
      .all() as DeploymentRow[];
    return rows.map((row) => this.#record(row));
  }

  #record(row: DeploymentRow): DeploymentRecord {
    const events = this.#db
      .prepare(
        'SELECT time, state, traffic_percent, message FROM deployment_events WHERE deployment_id = ? ORDER BY id',
      )
      .all(row.id) as DeploymentEvent[];
    const { plan } = JSON.parse(row.plan_json) as { plan: DeploymentPlan };
    return {
      id: row.id,
      model_name: row.model_name,
      model_version: String(row.model_version),
      ...(row.previous_version !== null ? { previous_version: String(row.previous_version) } : {}),
      context: row.context,
      namespace: row.namespace,
      service_name: row.service_name,
      strategy: row.strategy,
      runtime: row.runtime,
      state: row.state,
      traffic_percent: row.traffic_percent,
      ...(row.reason !== null ? { reason: row.reason } : {}),
      steps: plan.steps,
      traffic: plan.traffic,
      ...(plan.traffic_note !== undefined ? { traffic_note: plan.traffic_note } : {}),
      triggers: plan.triggers,
      created_time: row.created_time,
      updated_time: row.updated_time,
      events,
    };
  }
}
