/**
 * The lineage webview: receives a graph from the host, lays it out with ELK, draws it as SVG
 * with pan and zoom, and asks the host to open what a click names. State survives hide/restore.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import ELK from 'elkjs/lib/elk.bundled.js';
import { parseHostMessage } from './contract.ts';
import type { LineageGraph, WebviewMessage } from './contract.ts';
import { layoutGraph } from './layout.ts';
import type { PlacedGraph } from './layout.ts';
import { attachPanZoom } from './pan-zoom-events.ts';
import { fitView } from './pan-zoom.ts';
import type { View } from './pan-zoom.ts';
import { renderGraph } from './render.ts';
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
const elk = new ELK();
let graph: LineageGraph | undefined = saved.graph;
let placed: PlacedGraph | undefined;

const panZoom = attachPanZoom(
  svg,
  (view) => {
    layer.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.scale})`);
    host.save({ graph, view });
  },
  saved.view ?? { x: 24, y: 24, scale: 1 },
);

function fit(): void {
  if (!placed) return;
  const box = svg.getBoundingClientRect();
  panZoom.set(fitView(placed.width, placed.height, box.width, box.height));
}

async function show(next: LineageGraph, keepView: boolean): Promise<void> {
  graph = next;
  status.textContent = `Laying out ${next.nodes.length} nodes…`;
  const started = performance.now();
  placed = await layoutGraph(next, elk);
  renderGraph(layer, placed, next.root);
  const ms = Math.round(performance.now() - started);
  status.textContent =
    `${next.nodes.length} nodes, ${next.edges.length} edges (layout and render ${ms} ms)` +
    (next.truncated ? ' — truncated: open a node to see its own neighbourhood' : '');
  document.body.dataset.renderMs = String(ms);
  if (!keepView) fit();
  host.save({ graph, view: panZoom.get() });
}

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
