/**
 * Which part of a placed graph is worth drawing: the nodes and edges inside the viewport grown by
 * a margin, so that a pan redraws only when it leaves what was drawn. Pure: no DOM.
 */
import type { PlacedGraph } from './layout.ts';
import type { View } from './pan-zoom.ts';

/** A rectangle in drawing coordinates. */
export interface Region {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The drawing-coordinate rectangle a `width` × `height` viewport shows, grown by `margin` viewports on each side. */
export function visibleRegion(view: View, width: number, height: number, margin: number): Region {
  const w = width / view.scale;
  const h = height / view.scale;
  const x = -view.x / view.scale;
  const y = -view.y / view.scale;
  return { x0: x - margin * w, y0: y - margin * h, x1: x + w + margin * w, y1: y + h + margin * h };
}

export function containsRegion(outer: Region, inner: Region): boolean {
  return outer.x0 <= inner.x0 && outer.y0 <= inner.y0 && outer.x1 >= inner.x1 && outer.y1 >= inner.y1;
}

function overlaps(region: Region, x0: number, y0: number, x1: number, y1: number): boolean {
  return x0 <= region.x1 && x1 >= region.x0 && y0 <= region.y1 && y1 >= region.y0;
}

/** The nodes whose boxes and the edges whose routes' bounds meet `region`. */
export function cullGraph(graph: PlacedGraph, region: Region): PlacedGraph {
  const nodes = graph.nodes.filter((n) => overlaps(region, n.x, n.y, n.x + n.width, n.y + n.height));
  const edges = graph.edges.filter((edge) => {
    const xs = edge.points.map((p) => p.x);
    const ys = edge.points.map((p) => p.y);
    return overlaps(region, Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
  });
  return { nodes, edges, width: graph.width, height: graph.height };
}
