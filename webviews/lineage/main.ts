/**
 * The lineage webview: receives a graph from the host, paints it at once in a provisional layout,
 * then in ELK's (laid out in a worker), as SVG with pan and zoom, and asks the host to open what
 * a click names. State survives hide/restore.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { parseHostMessage } from './contract.ts';
import type { LineageGraph, WebviewMessage } from './contract.ts';
import { startElkWorker } from './elk-in-worker.ts';
import { layoutGraph } from './layout.ts';
import type { PlacedGraph } from './layout.ts';
import { attachPanZoom } from './pan-zoom-events.ts';
import { fitView, LABEL_SCALE, openingView } from './pan-zoom.ts';
import { provisionalLayout } from './provisional-layout.ts';
import type { View } from './pan-zoom.ts';
import { addDetails, renderGraph } from './render.ts';
import { containsRegion, cullGraph, visibleRegion } from './visible-region.ts';
import type { Region } from './visible-region.ts';
import { HostChannel } from '../shared/host-channel.ts';

interface SavedState {
  readonly graph?: LineageGraph;
  readonly view?: View;
}

const host = new HostChannel<WebviewMessage, SavedState>();
const saved = host.choices;
const svg = document.getElementById('canvas') as unknown as SVGSVGElement;
const layer = document.getElementById('layer') as unknown as SVGGElement;
const status = document.getElementById('status') as HTMLElement;
const elk = startElkWorker();
let graph: LineageGraph | undefined = saved.graph;
let placed: PlacedGraph | undefined;
/** Counts graphs shown: a refined layout for an older graph is dropped. */
let shown = 0;

/** What is drawn: the nodes and edges of `placed` inside `region`, with labels or without. */
let drawn: { readonly placed: PlacedGraph; readonly region: Region; readonly labels: boolean } | undefined;
let drawQueued = false;

/**
 * Draws what the view shows, with a viewport of margin all round; does nothing while the view
 * stays inside what is drawn (unless `force`d after a new layout).
 */
function draw(force: boolean): void {
  if (!placed || !graph) return;
  const box = svg.getBoundingClientRect();
  const view = panZoom.get();
  const labels = view.scale >= LABEL_SCALE;
  const showing = visibleRegion(view, box.width, box.height, 0);
  if (!force && drawn?.placed === placed && drawn.labels === labels && containsRegion(drawn.region, showing))
    return;
  const region = visibleRegion(view, box.width, box.height, 1);
  renderGraph(layer, cullGraph(placed, region), graph.root, labels);
  drawn = { placed, region, labels };
}

const panZoom = attachPanZoom(
  svg,
  (view) => {
    layer.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.scale})`);
    svg.classList.toggle('overview', view.scale < LABEL_SCALE);
    host.save({ graph, view });
    if (drawQueued) return;
    drawQueued = true;
    requestAnimationFrame(() => {
      drawQueued = false;
      draw(false);
    });
  },
  saved.view ?? { x: 24, y: 24, scale: 1 },
);

function fit(): void {
  if (!placed) return;
  const box = svg.getBoundingClientRect();
  panZoom.set(fitView(placed.width, placed.height, box.width, box.height));
}

/** The view `open` chose, until the user pans or zooms: a resize then chooses again. */
let openedView: View | undefined;

/** The whole graph, or its root at a readable size when the whole would be too small to read. */
function open(root: string): void {
  if (!placed) return;
  const box = svg.getBoundingClientRect();
  const rootBox = placed.nodes.find((p) => p.node.id === root);
  panZoom.set(openingView(placed, rootBox, box.width, box.height));
  openedView = panZoom.get();
}

new ResizeObserver(() => {
  if (graph && placed && panZoom.get() === openedView) open(graph.root);
  draw(false);
}).observe(svg);

function summary(next: LineageGraph): string {
  return (
    `${next.nodes.length} nodes, ${next.edges.length} edges` +
    (next.truncated ? ' — truncated: open a node to see its own neighbourhood' : '')
  );
}

/** Paints the provisional layout now, then ELK's when the worker has it. */
async function show(next: LineageGraph, keepView: boolean): Promise<void> {
  const generation = ++shown;
  graph = next;
  const started = performance.now();
  placed = provisionalLayout(next);
  if (!keepView) open(next.root);
  draw(true);
  const paintMs = Math.round(performance.now() - started);
  status.textContent = `${summary(next)} (laying out…)`;
  document.body.dataset.renderMs = String(paintMs);
  host.save({ graph, view: panZoom.get() });
  let refined: PlacedGraph;
  try {
    refined = await layoutGraph(next, elk);
  } catch (error) {
    if (generation !== shown) return;
    status.textContent = `${summary(next)} (provisional layout: ${error instanceof Error ? error.message : String(error)})`;
    return;
  }
  if (generation !== shown) return;
  // The user has not panned or zoomed since: the refined layout is opened the same way.
  const refit = !keepView && panZoom.get() === openedView;
  placed = refined;
  if (refit) open(next.root);
  draw(true);
  const ms = Math.round(performance.now() - started);
  status.textContent = `${summary(next)} (first paint ${paintMs} ms, layout ${ms} ms)`;
  document.body.dataset.layoutMs = String(ms);
}

/** Hover and keyboard focus show a node's details; they are made on first need, not at render. */
function detailsOnDemand(event: Event): void {
  const group = (event.target as Element).closest<SVGGElement>('.node');
  const node = placed?.nodes.find((p) => p.node.id === group?.dataset.nodeId)?.node;
  if (group && node) addDetails(group, node);
}
svg.addEventListener('pointerover', detailsOnDemand);
svg.addEventListener('focusin', detailsOnDemand);
svg.addEventListener('click', (event) => {
  const node = (event.target as Element).closest<SVGGElement>('.node');
  const nodeId = node?.dataset.nodeId;
  if (nodeId) host.post({ type: 'open', payload: { nodeId } });
});
svg.addEventListener('keydown', (event) => {
  const node = (event.target as Element).closest<SVGGElement>('.node');
  const nodeId = node?.dataset.nodeId;
  if (nodeId && (event.key === 'Enter' || event.key === ' '))
    host.post({ type: 'open', payload: { nodeId } });
});
document.getElementById('fit')?.addEventListener('click', fit);

if (graph) void show(graph, true);
host.listen(parseHostMessage, (message) => {
  switch (message.type) {
    case 'graph':
      void show(message.payload, graph?.root === message.payload.root);
      break;
    case 'error':
      status.textContent = message.payload.message;
      break;
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
});
