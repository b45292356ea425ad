/**
 * The layout painted first, while ELK works on the refined one: the same left-to-right layers
 * (each node one column after the furthest node that points at it), ordered in each column by
 * the mean row of its predecessors, with straight edges. Linear in nodes and edges, so a graph
 * of thousands of nodes is on screen within a frame or two. Pure: no DOM.
 */
import type { LineageGraph, LineageGraphEdge } from './contract.ts';
import { drawableEdges, nodeSize } from './layout.ts';
import type { PlacedEdge, PlacedGraph, PlacedNode } from './layout.ts';

const COLUMN_GAP = 48;
const ROW_GAP = 16;

/**
 * The column of every node: 0 for nodes nothing points at, else one more than the furthest
 * predecessor. Nodes on a cycle are placed when their first unplaced predecessor is, so cycles
 * (which lineage should not have) cannot stall it.
 */
export function columnsOf(ids: readonly string[], edges: readonly LineageGraphEdge[]): Map<string, number> {
  const successors = new Map<string, string[]>(ids.map((id) => [id, []]));
  const waiting = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const edge of edges) {
    successors.get(edge.from)?.push(edge.to);
    waiting.set(edge.to, (waiting.get(edge.to) ?? 0) + 1);
  }
  const column = new Map<string, number>();
  const done = new Set<string>();
  const visit = (start: string): void => {
    if (!column.has(start)) column.set(start, 0);
    const queue = [start];
    for (let next = 0; next < queue.length; next++) {
      const id = queue[next] as string;
      if (done.has(id)) continue;
      done.add(id);
      const here = column.get(id) ?? 0;
      for (const to of successors.get(id) ?? []) {
        if (done.has(to)) continue;
        column.set(to, Math.max(column.get(to) ?? 0, here + 1));
        const left = (waiting.get(to) ?? 0) - 1;
        waiting.set(to, left);
        if (left === 0) queue.push(to);
      }
    }
  };
  const sources = ids.filter((id) => waiting.get(id) === 0);
  for (const id of sources) visit(id);
  for (const id of ids) if (!done.has(id)) visit(id);
  return column;
}

export function provisionalLayout(graph: LineageGraph): PlacedGraph {
  const edges = drawableEdges(graph);
  const column = columnsOf(
    graph.nodes.map((n) => n.id),
    edges,
  );
  const predecessors = new Map<string, string[]>();
  for (const edge of edges) predecessors.set(edge.to, [...(predecessors.get(edge.to) ?? []), edge.from]);
  const columns: (typeof graph.nodes)[number][][] = [];
  for (const node of graph.nodes) (columns[column.get(node.id) ?? 0] ??= []).push(node);

  const row = new Map<string, number>();
  const nodes: PlacedNode[] = [];
  let x = 0;
  let height = 0;
  for (const members of columns) {
    if (!members) continue;
    const meanRow = (id: string): number => {
      const rows = (predecessors.get(id) ?? []).map((p) => row.get(p) ?? 0);
      return rows.length === 0 ? Number.POSITIVE_INFINITY : rows.reduce((a, b) => a + b, 0) / rows.length;
    };
    const ordered = members
      .map((node, index) => ({ node, index, key: meanRow(node.id) }))
      .sort((a, b) => a.key - b.key || a.index - b.index);
    let y = 0;
    let width = 0;
    ordered.forEach(({ node }, index) => {
      const size = nodeSize(node);
      row.set(node.id, index);
      nodes.push({ node, x, y, ...size });
      y += size.height + ROW_GAP;
      width = Math.max(width, size.width);
    });
    height = Math.max(height, y - ROW_GAP);
    x += width + COLUMN_GAP;
  }

  const boxes = new Map(nodes.map((placed) => [placed.node.id, placed]));
  const placedEdges: PlacedEdge[] = edges.flatMap((edge) => {
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    if (!from || !to) return [];
    return [
      {
        from: edge.from,
        to: edge.to,
        type: edge.type,
        points: [
          { x: from.x + from.width, y: from.y + from.height / 2 },
          { x: to.x, y: to.y + to.height / 2 },
        ],
      },
    ];
  });
  return { nodes, edges: placedEdges, width: Math.max(0, x - COLUMN_GAP), height };
}
