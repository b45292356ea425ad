/**
 * Monitoring in lineage: a `drift_report:<id>` node per drift report and an `alert:<id>` node
 * per alert. A model version is `monitored_by` its latest reports and each deployment of it is
 * too; a report `raised` its alerts; an alert `alerts_on` its model version and that version's
 * deployments. From a model version, its newest reports and every alert not yet resolved are
 * one step away; resolved alerts are reached through the report that raised them.
 */
import type Database from 'better-sqlite3';
import type { LineageEdge, LineageNode } from '../api/contract.ts';
import { alertOf, type AlertRow } from './alert-records.ts';
import { nodeId } from './lineage-node-id.ts';

/** How many of a model version's reports, newest first, its neighbourhood shows. */
export const LINEAGE_REPORTS_PER_VERSION = 5;

interface ReportRow {
  report_id: number;
  model_name: string;
  model_version: string;
  created_time: number;
  dataset_drift: number;
  drift_share: number;
}

export interface MonitoringExpansion {
  node: LineageNode;
  edges: LineageEdge[];
}

/** The model version's edges to its newest drift reports and its alerts not yet resolved. */
export function monitoringEdges(db: Database.Database, name: string, version: string): LineageEdge[] {
  const from = nodeId('model_version', `${name}@${version}`);
  const reports = db
    .prepare(
      `SELECT report_id FROM drift_reports WHERE model_name = ? AND model_version = ?
        ORDER BY created_time DESC, report_id DESC LIMIT ?`,
    )
    .all(name, version, LINEAGE_REPORTS_PER_VERSION) as { report_id: number }[];
  const alerts = db
    .prepare(
      `SELECT alert_id FROM alerts WHERE model_name = ? AND model_version = ? AND status <> 'resolved'
        ORDER BY last_seen DESC, alert_id DESC`,
    )
    .all(name, version) as { alert_id: number }[];
  return [
    ...reports.map((r): LineageEdge => ({ type: 'monitored_by', from, to: reportNode(r.report_id) })),
    ...alerts.map((a): LineageEdge => ({ type: 'alerts_on', from: alertNode(a.alert_id), to: from })),
  ];
}

export function driftReportExpansion(db: Database.Database, key: string): MonitoringExpansion | undefined {
  if (!/^\d{1,15}$/.test(key)) return undefined;
  const row = db
    .prepare(
      `SELECT report_id, model_name, model_version, created_time, dataset_drift, drift_share
         FROM drift_reports WHERE report_id = ?`,
    )
    .get(Number(key)) as ReportRow | undefined;
  if (row === undefined) return undefined;
  const id = reportNode(row.report_id);
  const alerts = db
    .prepare('SELECT alert_id FROM alerts WHERE report_id = ? ORDER BY alert_id')
    .all(row.report_id) as { alert_id: number }[];
  const edges: LineageEdge[] = [
    ...targetsOf(db, row.model_name, row.model_version).map((target): LineageEdge => ({
      type: 'monitored_by',
      from: target,
      to: id,
    })),
    ...alerts.map((a): LineageEdge => ({ type: 'raised', from: id, to: alertNode(a.alert_id) })),
  ];
  const node: LineageNode = {
    id,
    type: 'drift_report',
    label: `drift ${Math.round(row.drift_share * 100)}%${row.dataset_drift === 1 ? ' (drifted)' : ''}`,
    attributes: {
      report_id: String(row.report_id),
      model_name: row.model_name,
      model_version: row.model_version,
      created: row.created_time,
      dataset_drift: row.dataset_drift === 1,
      drift_share: row.drift_share,
    },
  };
  return { node, edges };
}

export function alertExpansion(db: Database.Database, key: string): MonitoringExpansion | undefined {
  if (!/^\d{1,15}$/.test(key)) return undefined;
  const row = db.prepare('SELECT * FROM alerts WHERE alert_id = ?').get(Number(key)) as AlertRow | undefined;
  if (row === undefined) return undefined;
  const id = alertNode(row.alert_id);
  const edges: LineageEdge[] = targetsOf(db, row.model_name, row.model_version).map(
    (target): LineageEdge => ({ type: 'alerts_on', from: id, to: target }),
  );
  if (row.report_id !== null) edges.push({ type: 'raised', from: reportNode(row.report_id), to: id });
  const { lineage_node: _target, ...attributes } = alertOf(row);
  const node: LineageNode = {
    id,
    type: 'alert',
    label: `${row.rule}${row.feature === '' ? '' : ` ${row.feature}`} (${row.status})`,
    attributes,
  };
  return { node, edges };
}

/** The model version's node and the nodes of its deployments. */
function targetsOf(db: Database.Database, name: string, version: string): string[] {
  const deployments = /^\d{1,15}$/.test(version)
    ? (db
        .prepare(
          'SELECT id FROM deployments WHERE model_name = ? AND model_version = ? ORDER BY created_time',
        )
        .all(name, Number(version)) as { id: string }[])
    : [];
  return [
    nodeId('model_version', `${name}@${version}`),
    ...deployments.map((d) => nodeId('deployment', d.id)),
  ];
}

function reportNode(reportId: number): string {
  return nodeId('drift_report', String(reportId));
}

function alertNode(alertId: number): string {
  return nodeId('alert', String(alertId));
}
