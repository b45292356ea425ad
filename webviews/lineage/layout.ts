/**
 * Turns a lineage graph into positioned boxes and edge routes with ELK's layered layout
 * (data flows left to right: datasets and code, then runs, then model versions). Pure: no DOM.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { LineageGraph, LineageGraphEdge, LineageGraphNode } from './contract.ts';

export interface PlacedNode {
  readonly node: LineageGraphNode;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedEdge {
  readonly from: string;
  readonly to: string;
  readonly type: string;
  /** Polyline points, start to end. */
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number }>;
}

export interface PlacedGraph {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly width: number;
  readonly height: number;
}

export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

const NODE_HEIGHT = 40;
/** Above this many nodes the layout trades some polish (straight edges, fewer passes) for speed. */
export const LARGE_GRAPH_NODES = 200;

const QUALITY_OPTIONS: Readonly<Record<string, string>> = {
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
};

const FAST_OPTIONS: Readonly<Record<string, string>> = {
  'elk.edgeRouting': 'POLYLINE',
  'elk.layered.thoroughness': '1',
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
};
const CHAR_WIDTH = 7;
const PADDING = 28;

/** The box size of a node: its label, plus room for the kind icon. */
export function nodeSize(node: LineageGraphNode): { width: number; height: number } {
  return {
    width: Math.min(320, Math.max(120, node.label.length * CHAR_WIDTH + PADDING)),
    height: NODE_HEIGHT,
  };
}

/**
 * The edges a layout draws: both ends in the graph, and not a loop, each pointing the way data
 * flows. Lineage says a run `used` a dataset (run → dataset); the drawing points from the dataset
 * into the run, so inputs sit left of the run that consumed them.
 */
export function drawableEdges(graph: LineageGraph): LineageGraphEdge[] {
  const ids = new Set(graph.nodes.map((n) => n.id));
  return graph.edges
    .filter((e) => ids.has(e.from) && ids.has(e.to) && e.from !== e.to)
    .map((e) => (e.type === 'used' ? { type: e.type, from: e.to, to: e.from } : e));
}

/** The ELK input: one child per node, one edge (`e<index>` of drawableEdges) per drawable edge. */
export function elkInput(graph: LineageGraph): ElkNode {
  const edges: ElkExtendedEdge[] = drawableEdges(graph).map((e, i) => ({
    id: `e${i}`,
    sources: [e.from],
    targets: [e.to],
  }));
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '48',
      'elk.spacing.nodeNode': '16',
      ...(graph.nodes.length > LARGE_GRAPH_NODES ? FAST_OPTIONS : QUALITY_OPTIONS),
    },
    children: graph.nodes.map((node) => ({ id: node.id, ...nodeSize(node) })),
    edges,
  };
}

export async function layoutGraph(graph: LineageGraph, elk: ElkLike): Promise<PlacedGraph> {
  const input = elkInput(graph);
  const result = await elk.layout(input);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const nodes: PlacedNode[] = (result.children ?? []).flatMap((child) => {
    const node = byId.get(child.id);
    return node
      ? [{ node, x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 }]
      : [];
  });
  const drawable = drawableEdges(graph);
  const edgeTypes = new Map(drawable.map((e, i) => [`e${i}`, e.type]));
  const edges: PlacedEdge[] = (result.edges ?? []).map((edge) => {
    const section = edge.sections?.[0];
    const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
    return {
      from: edge.sources[0] ?? '',
      to: edge.targets[0] ?? '',
      type: edgeTypes.get(edge.id) ?? '',
      points,
    };
  });
  return { nodes, edges, width: result.width ?? 0, height: result.height ?? 0 };
}
