/** The lineage webview's pure parts: message validation, ELK layout input and result, pan and zoom. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ElkModule from 'elkjs/lib/elk.bundled.js';
import { parseHostMessage, parseWebviewMessage } from '../../webviews/lineage/contract.ts';
import type { LineageGraph } from '../../webviews/lineage/contract.ts';
import { elkInput, LARGE_GRAPH_NODES, layoutGraph } from '../../webviews/lineage/layout.ts';
import type { ElkLike } from '../../webviews/lineage/layout.ts';

/** elkjs is CommonJS: its module object is the constructor. */
const Elk = ElkModule as unknown as new () => ElkLike;
import { fitView, MAX_SCALE, zoomAt } from '../../webviews/lineage/pan-zoom.ts';

const GRAPH: LineageGraph = {
  root: 'model_version:churn@3',
  nodes: [
    { id: 'dataset:customers@ab12', type: 'dataset', label: 'customers.csv', attributes: { digest: 'ab12' } },
    { id: 'code:4f9c2e1', type: 'code', label: '4f9c2e1', attributes: {} },
    { id: 'run:r1', type: 'run', label: 'rare-wren-96', attributes: { test_auc: 0.84 } },
    { id: 'model_version:churn@3', type: 'model_version', label: 'churn v3', attributes: {} },
  ],
  edges: [
    { type: 'used', from: 'run:r1', to: 'dataset:customers@ab12' },
    { type: 'used', from: 'run:r1', to: 'code:4f9c2e1' },
    { type: 'registered_as', from: 'run:r1', to: 'model_version:churn@3' },
    { type: 'used', from: 'run:r1', to: 'dataset:missing' },
  ],
};

describe('lineage webview protocol', () => {
  it('accepts a well-formed graph and refuses malformed ones whole', () => {
    assert.deepEqual(parseHostMessage({ type: 'graph', payload: GRAPH }), { type: 'graph', payload: GRAPH });
    assert.equal(parseHostMessage({ type: 'graph', payload: { ...GRAPH, nodes: [{ id: 1 }] } }), undefined);
    assert.equal(
      parseHostMessage({
        type: 'graph',
        payload: { ...GRAPH, nodes: [{ ...GRAPH.nodes[0], type: 'virus' }] },
      }),
      undefined,
    );
    assert.equal(parseHostMessage({ type: 'script', payload: {} }), undefined);
    assert.equal(parseHostMessage('graph'), undefined);
    assert.deepEqual(parseHostMessage({ type: 'error', payload: { message: 'no daemon' } }), {
      type: 'error',
      payload: { message: 'no daemon' },
    });
  });

  it('accepts only the webview messages it knows', () => {
    assert.equal(parseWebviewMessage({ type: 'initialized' }), undefined, 'the shared handshake owns it');
    assert.deepEqual(parseWebviewMessage({ type: 'open', payload: { nodeId: 'run:r1' } }), {
      type: 'open',
      payload: { nodeId: 'run:r1' },
    });
    assert.equal(parseWebviewMessage({ type: 'open', payload: { nodeId: 3 } }), undefined);
    assert.equal(parseWebviewMessage({ type: 'eval', payload: 'alert(1)' }), undefined);
  });
});

describe('lineage layout', () => {
  it('trades polish for speed above the large-graph size', () => {
    const many: LineageGraph = {
      root: 'run:0',
      nodes: Array.from({ length: LARGE_GRAPH_NODES + 1 }, (_, i) => ({
        id: `run:${i}`,
        type: 'run' as const,
        label: `r${i}`,
        attributes: {},
      })),
      edges: [],
    };
    assert.equal(elkInput(GRAPH).layoutOptions?.['elk.edgeRouting'], 'ORTHOGONAL');
    assert.equal(elkInput(many).layoutOptions?.['elk.edgeRouting'], 'POLYLINE');
    assert.equal(elkInput(many).layoutOptions?.['elk.layered.thoroughness'], '1');
  });

  it('drops edges whose ends are not in the graph', () => {
    const input = elkInput(GRAPH);
    assert.equal(input.children?.length, 4);
    assert.equal(input.edges?.length, 3);
  });

  it('places data and code before the run, and the run before the model version', async () => {
    const placed = await layoutGraph(GRAPH, new Elk());
    const x = (id: string): number => placed.nodes.find((n) => n.node.id === id)?.x ?? Number.NaN;
    // Lineage says the run `used` its inputs (run → dataset); the drawing follows the data.
    assert.equal(placed.nodes.length, 4);
    assert.equal(placed.edges.length, 3);
    for (const edge of placed.edges)
      assert.ok(edge.points.length >= 2, `edge ${edge.from} → ${edge.to} is routed`);
    for (const input of GRAPH.nodes.filter((n) => n.type === 'dataset' || n.type === 'code'))
      assert.ok(x(input.id) < x('run:r1'), `${input.id} is left of the run`);
    assert.ok(x('run:r1') < x('model_version:churn@3'));
    const used = placed.edges.filter((e) => e.type === 'used');
    assert.ok(used.length > 0 && used.every((e) => e.to === 'run:r1'), 'used edges point into the run');
    for (const a of placed.nodes)
      for (const b of placed.nodes) {
        if (a === b) continue;
        const apart =
          a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        assert.ok(apart, `${a.node.id} overlaps ${b.node.id}`);
      }
  });
});

describe('pan and zoom', () => {
  it('zooming keeps the point under the pointer still', () => {
    const view = { x: 10, y: 20, scale: 1 };
    const next = zoomAt(view, 200, 100, 2);
    // The drawing point under (200, 100) before is ((200-10)/1, (100-20)/1) = (190, 80).
    assert.equal(next.x + 190 * next.scale, 200);
    assert.equal(next.y + 80 * next.scale, 100);
    assert.equal(zoomAt(view, 0, 0, 1000).scale, MAX_SCALE);
  });

  it('fits a drawing into the viewport, centred', () => {
    const view = fitView(1000, 500, 548, 298);
    assert.equal(view.scale, 0.5);
    assert.equal(view.x, (548 - 500) / 2);
  });
});
