/**
 * Deployments in lineage: a `deployment:<id>` node per deployment, reached from its model
 * version by a `deployed_as` edge.
 */
import type Database from 'better-sqlite3';
import type { LineageEdge, LineageNode } from '../api/contract.ts';
import type { DeploymentRow } from './deployment-records.ts';
import { nodeId } from './lineage-node-id.ts';

/** `deployed_as` edges from a model version to each of its deployments. */
export function deploymentEdges(db: Database.Database, name: string, version: number): LineageEdge[] {
  const rows = db
    .prepare('SELECT id FROM deployments WHERE model_name = ? AND model_version = ? ORDER BY created_time')
    .all(name, version) as { id: string }[];
  const from = nodeId('model_version', `${name}@${version}`);
  return rows.map((row) => ({ type: 'deployed_as', from, to: nodeId('deployment', row.id) }));
}

export function deploymentExpansion(
  db: Database.Database,
  id: string,
): { node: LineageNode; edges: LineageEdge[] } | undefined {
  const row = db.prepare('SELECT * FROM deployments WHERE id = ?').get(id) as DeploymentRow | undefined;
  if (row === undefined) return undefined;
  const node: LineageNode = {
    id: nodeId('deployment', row.id),
    type: 'deployment',
    label: `${row.model_name} v${row.model_version} → ${row.context}/${row.namespace} (${row.state})`,
    attributes: {
      context: row.context,
      namespace: row.namespace,
      service: row.service_name,
      strategy: row.strategy,
      runtime: row.runtime,
      state: row.state,
      traffic_percent: row.traffic_percent,
      ...(row.previous_version !== null ? { previous_version: String(row.previous_version) } : {}),
      ...(row.reason !== null ? { reason: row.reason } : {}),
      created: row.created_time,
      updated: row.updated_time,
    },
  };
  const edges: LineageEdge[] = [
    {
      type: 'deployed_as',
      from: nodeId('model_version', `${row.model_name}@${row.model_version}`),
      to: node.id,
    },
  ];
  return { node, edges };
}
