/**
 * Alerts and their history in the store. At most one alert per rule, model version and feature
 * is active (pending or open); the unique index enforces it. Plain statements; callers wrap them
 * in `store.write` / `store.read`.
 */
import type Database from 'better-sqlite3';
import type {
  Alert,
  AlertHistoryEntry,
  AlertHistoryEvent,
  AlertRuleId,
  AlertStatus,
} from '../api/contract.ts';
import { notFound } from './tracking-error.ts';

/** What identifies an alert for deduplication: the rule, the model version and the feature ('' for none). */
export interface AlertKey {
  rule: AlertRuleId;
  modelName: string;
  modelVersion: string;
  feature: string;
}

export interface NewAlert extends AlertKey {
  status: Exclude<AlertStatus, 'resolved'>;
  value: number;
  threshold: number;
  message: string;
  time: number;
  reportId?: string;
}

export interface AlertRow {
  alert_id: number;
  rule: AlertRuleId;
  model_name: string;
  model_version: string;
  feature: string;
  status: AlertStatus;
  value: number;
  threshold: number;
  message: string;
  first_seen: number;
  last_seen: number;
  opened_time: number | null;
  resolved_time: number | null;
  silenced_until: number | null;
  occurrences: number;
  report_id: number | null;
}

export interface AlertQuery {
  status?: AlertStatus;
  modelName?: string;
  modelVersion?: string;
  limit?: number;
}

export class AlertRecords {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  active(key: AlertKey): Alert | undefined {
    const row = this.#db
      .prepare(
        `SELECT * FROM alerts WHERE rule = ? AND model_name = ? AND model_version = ? AND feature = ? AND status <> 'resolved'`,
      )
      .get(key.rule, key.modelName, key.modelVersion, key.feature) as AlertRow | undefined;
    return row === undefined ? undefined : alertOf(row);
  }

  insert(alert: NewAlert): string {
    const { lastInsertRowid } = this.#db
      .prepare(
        `INSERT INTO alerts (rule, model_name, model_version, feature, status, value, threshold, message,
                             first_seen, last_seen, opened_time, occurrences, report_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
      )
      .run(
        alert.rule,
        alert.modelName,
        alert.modelVersion,
        alert.feature,
        alert.status,
        alert.value,
        alert.threshold,
        alert.message,
        alert.time,
        alert.time,
        alert.status === 'open' ? alert.time : null,
        alert.reportId === undefined ? null : Number(alert.reportId),
      );
    return String(lastInsertRowid);
  }

  /** The condition was seen again: new value, message and time; `open` opens a pending alert. */
  seenAgain(
    alertId: string,
    seen: { value: number; message: string; time: number; open: boolean; reportId?: string },
  ): void {
    this.#db
      .prepare(
        `UPDATE alerts SET value = ?, message = ?, last_seen = ?, occurrences = occurrences + 1,
           status = CASE WHEN ? THEN 'open' ELSE status END,
           opened_time = CASE WHEN ? AND opened_time IS NULL THEN ? ELSE opened_time END,
           report_id = COALESCE(?, report_id)
         WHERE alert_id = ?`,
      )
      .run(
        seen.value,
        seen.message,
        seen.time,
        seen.open ? 1 : 0,
        seen.open ? 1 : 0,
        seen.time,
        seen.reportId === undefined ? null : Number(seen.reportId),
        Number(alertId),
      );
  }

  resolve(alertId: string, time: number): void {
    this.#db
      .prepare(`UPDATE alerts SET status = 'resolved', resolved_time = ? WHERE alert_id = ?`)
      .run(time, Number(alertId));
  }

  silence(alertId: string, until: number): void {
    this.#db.prepare('UPDATE alerts SET silenced_until = ? WHERE alert_id = ?').run(until, Number(alertId));
  }

  addHistory(
    alertId: string,
    entry: { time: number; event: AlertHistoryEvent; value?: number; detail?: string },
  ): void {
    this.#db
      .prepare('INSERT INTO alert_history (alert_id, time, event, value, detail) VALUES (?, ?, ?, ?, ?)')
      .run(Number(alertId), entry.time, entry.event, entry.value ?? null, entry.detail ?? null);
  }

  get(alertId: string): Alert {
    const id = Number(alertId);
    const row = Number.isSafeInteger(id)
      ? (this.#db.prepare('SELECT * FROM alerts WHERE alert_id = ?').get(id) as AlertRow | undefined)
      : undefined;
    if (row === undefined) throw notFound(`Alert '${alertId}' does not exist.`);
    return alertOf(row);
  }

  list(query: AlertQuery): Alert[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (query.status !== undefined) {
      where.push('status = ?');
      args.push(query.status);
    }
    if (query.modelName !== undefined) {
      where.push('model_name = ?');
      args.push(query.modelName);
    }
    if (query.modelVersion !== undefined) {
      where.push('model_version = ?');
      args.push(query.modelVersion);
    }
    const rows = this.#db
      .prepare(
        `SELECT * FROM alerts ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY last_seen DESC, alert_id DESC LIMIT ?`,
      )
      .all(...args, query.limit ?? 200) as AlertRow[];
    return rows.map(alertOf);
  }

  history(alertId: string): AlertHistoryEntry[] {
    const rows = this.#db
      .prepare(
        'SELECT alert_id, time, event, value, detail FROM alert_history WHERE alert_id = ? ORDER BY entry_id',
      )
      .all(Number(alertId)) as {
      alert_id: number;
      time: number;
      event: AlertHistoryEvent;
      value: number | null;
      detail: string | null;
    }[];
    return rows.map((row) => {
      const entry: AlertHistoryEntry = { alert_id: String(row.alert_id), time: row.time, event: row.event };
      if (row.value !== null) entry.value = row.value;
      if (row.detail !== null) entry.detail = row.detail;
      return entry;
    });
  }
}

/** An alert row as the API answers it. */
export function alertOf(row: AlertRow): Alert {
  const alert: Alert = {
    alert_id: String(row.alert_id),
    rule: row.rule,
    model_name: row.model_name,
    model_version: row.model_version,
    status: row.status,
    value: row.value,
    threshold: row.threshold,
    message: row.message,
    first_seen: row.first_seen,
    last_seen: row.last_seen,
    occurrences: row.occurrences,
    lineage_node: `model_version:${row.model_name}@${row.model_version}`,
  };
  if (row.feature !== '') alert.feature = row.feature;
  if (row.opened_time !== null) alert.opened_time = row.opened_time;
  if (row.resolved_time !== null) alert.resolved_time = row.resolved_time;
  if (row.silenced_until !== null) alert.silenced_until = row.silenced_until;
  if (row.report_id !== null) alert.report_id = String(row.report_id);
  return alert;
}
