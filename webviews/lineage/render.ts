/**
 * Draws a placed lineage graph as SVG with few elements per node (a box and two texts): boxes
 * styled by node kind, edges as polylines. Hover details are added to a node when first hovered.
 */
import type { LineageGraphNode } from './contract.ts';
import type { PlacedGraph } from './layout.ts';

const SVG = 'http://www.w3.org/2000/svg';

const KIND_LABELS: Readonly<Record<string, string>> = {
  dataset: 'dataset',
  preprocessing: 'preprocessing',
  code: 'code',
  environment: 'environment',
  run: 'run',
  model_version: 'model version',
  deployment: 'deployment',
  drift_report: 'drift report',
  alert: 'alert',
};

function element<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

/** The hover text of a node: its kind, label and attributes. */
export function describeNode(node: LineageGraphNode): string {
  const lines = [`${KIND_LABELS[node.type] ?? node.type}: ${node.label}`];
  for (const [key, value] of Object.entries(node.attributes)) {
    if (value === undefined || value === null || value === '') continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    lines.push(`${key}: ${text}`);
  }
  return lines.join('\n');
}

/** Gives a drawn node its hover text (a `<title>`), once. */
export function addDetails(group: SVGGElement, node: LineageGraphNode): void {
  if (group.querySelector(':scope > title')) return;
  const title = element('title', {});
  title.textContent = describeNode(node);
  group.prepend(title);
}

/**
 * Renders into `layer` (a `<g>` the caller pans and zooms), replacing what was there; without
 * `labels` (zoomed too far out to read them) nodes are bare boxes. Returns the node elements by id.
 */
export function renderGraph(
  layer: SVGGElement,
  graph: PlacedGraph,
  root: string,
  labels = true,
): Map<string, SVGGElement> {
  const fragment = document.createDocumentFragment();
  for (const edge of graph.edges) {
    if (edge.points.length < 2) continue;
    const path = element('polyline', {
      class: `edge edge-${edge.type}`,
      points: edge.points.map((p) => `${p.x},${p.y}`).join(' '),
      'marker-end': 'url(#arrow)',
    });
    fragment.append(path);
  }
  const byId = new Map<string, SVGGElement>();
  for (const placed of graph.nodes) {
    const { node } = placed;
    const group = element('g', {
      class: `node node-${node.type}${node.id === root ? ' node-root' : ''}`,
      transform: `translate(${placed.x},${placed.y})`,
      tabindex: 0,
      role: 'button',
      'data-node-id': node.id,
      'aria-label': `${KIND_LABELS[node.type] ?? node.type} ${node.label}`,
    });
    group.append(element('rect', { width: placed.width, height: placed.height, rx: 6 }));
    if (labels)
      group.append(
        Object.assign(element('text', { class: 'kind', x: 10, y: 14 }), {
          textContent: KIND_LABELS[node.type] ?? node.type,
        }),
        Object.assign(element('text', { class: 'label', x: 10, y: 30 }), { textContent: node.label }),
      );
    byId.set(node.id, group);
    fragment.append(group);
  }
  layer.replaceChildren(fragment);
  return byId;
}
