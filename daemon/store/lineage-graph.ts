/** A node's lineage neighbourhood: breadth-first over typed edges, up to a depth and a node budget. */
import type { LineageEdge, LineageNode, LineageResponse } from '../api/contract.ts';
import { parseNodeId } from './lineage-node-id.ts';
import type { LineageReader } from './lineage-reader.ts';
import { invalidParameter, notFound } from './tracking-error.ts';

export const DEFAULT_LINEAGE_DEPTH = 2;
export const MAX_LINEAGE_DEPTH = 6;
export const DEFAULT_LINEAGE_NODES = 500;
export const MAX_LINEAGE_NODES = 5000;

export function lineageNeighbourhood(
  reader: LineageReader,
  root: string,
  depth = DEFAULT_LINEAGE_DEPTH,
  maxNodes = DEFAULT_LINEAGE_NODES,
): LineageResponse {
  if (!Number.isInteger(depth) || depth < 0 || depth > MAX_LINEAGE_DEPTH)
    throw invalidParameter(`Lineage depth must be 0..${MAX_LINEAGE_DEPTH}, got ${depth}.`);
  if (!Number.isInteger(maxNodes) || maxNodes < 1 || maxNodes > MAX_LINEAGE_NODES)
    throw invalidParameter(`Lineage max_nodes must be 1..${MAX_LINEAGE_NODES}, got ${maxNodes}.`);
  const start = reader.expand(parseNodeId(root));
  if (start === undefined) throw notFound(`Lineage node '${root}' not found`);
  const nodes = new Map<string, LineageNode>([[root, start.node]]);
  const edges = new Map<string, LineageEdge>();
  let frontier = [start];
  let truncated = false;
  for (let level = 0; level < depth && frontier.length > 0 && !truncated; level += 1) {
    const next = [];
    for (const { node, edges: around } of frontier) {
      for (const edge of around) {
        const other = edge.from === node.id ? edge.to : edge.from;
        if (!nodes.has(other)) {
          if (nodes.size >= maxNodes) {
            truncated = true;
            continue;
          }
          const expansion = reader.expand(parseNodeId(other));
          if (expansion === undefined) continue;
          nodes.set(other, expansion.node);
          next.push(expansion);
        }
        edges.set(`${edge.type} ${edge.from} ${edge.to}`, edge);
      }
    }
    frontier = next;
  }
  const response: LineageResponse = { root, depth, nodes: [...nodes.values()], edges: [...edges.values()] };
  if (truncated) response.truncated = true;
  return response;
}
