/**
 * The registry's audit log: every alias, stage and deployment change with its actor and time. It answers
 * "which version did alias A point to at time T" and gives the previous target for a rollback.
 */
import type Database from 'better-sqlite3';
import type { RegistryAuditEntry } from '../api/contract.ts';

interface AuditRow {
  time: number;
  actor: string;
  name: string;
  action: RegistryAuditEntry['action'];
  alias: string | null;
  version: number | null;
  previous_version: number | null;
  from_stage: string | null;
  to_stage: string | null;
  deployment_id: string | null;
}

export interface AuditRecord {
  actor: string;
  name: string;
  action: RegistryAuditEntry['action'];
  alias?: string;
  version?: number;
  previousVersion?: number;
  fromStage?: string;
  toStage?: string;
  deploymentId?: string;
}

export class RegistryAudit {
  readonly #db: Database.Database;
  readonly #now: () => number;
  readonly #insert: Database.Statement;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
    this.#insert = db.prepare(
      `INSERT INTO registry_audit (time, actor, name, action, alias, version, previous_version, from_stage, to_stage, deployment_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  record(entry: AuditRecord): void {
    this.#insert.run(
      this.#now(),
      entry.actor,
      entry.name,
      entry.action,
      entry.alias ?? null,
      entry.version ?? null,
      entry.previousVersion ?? null,
      entry.fromStage ?? null,
      entry.toStage ?? null,
      entry.deploymentId ?? null,
    );
  }

  /** Oldest first. */
  trail(name: string): RegistryAuditEntry[] {
    const rows = this.#db
      .prepare('SELECT * FROM registry_audit WHERE name = ? ORDER BY time, id')
      .all(name) as AuditRow[];
    return rows.map(toEntry);
  }

  /** The version `alias` pointed to at `time`, or undefined when it pointed nowhere. */
  aliasAt(name: string, alias: string, time: number): number | undefined {
    const row = this.#db
      .prepare(
        `SELECT action, version FROM registry_audit
         WHERE name = ? AND alias = ? AND action IN ('set_alias', 'delete_alias') AND time <= ?
         ORDER BY time DESC, id DESC LIMIT 1`,
      )
      .get(name, alias, time) as { action: string; version: number | null } | undefined;
    return row?.action === 'set_alias' ? (row.version ?? undefined) : undefined;
  }

  /** The version `alias` pointed to before its latest move, if any. */
  previousTarget(name: string, alias: string): number | undefined {
    const row = this.#db
      .prepare(
        `SELECT previous_version FROM registry_audit
         WHERE name = ? AND alias = ? AND action = 'set_alias' ORDER BY time DESC, id DESC LIMIT 1`,
      )
      .get(name, alias) as { previous_version: number | null } | undefined;
    return row?.previous_version ?? undefined;
  }
}

function toEntry(row: AuditRow): RegistryAuditEntry {
  const entry: RegistryAuditEntry = { time: row.time, actor: row.actor, name: row.name, action: row.action };
  if (row.alias !== null) entry.alias = row.alias;
  if (row.version !== null) entry.version = String(row.version);
  if (row.previous_version !== null) entry.previous_version = String(row.previous_version);
  if (row.from_stage !== null) entry.from_stage = row.from_stage;
  if (row.to_stage !== null) entry.to_stage = row.to_stage;
  if (row.deployment_id !== null) entry.deployment_id = row.deployment_id;
  return entry;
}
