/** The lineage webview draws only what the view shows, with a margin. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlacedGraph } from '../../webviews/lineage/layout.ts';
import { containsRegion, cullGraph, visibleRegion } from '../../webviews/lineage/visible-region.ts';

const GRAPH: PlacedGraph = {
  width: 5000,
  height: 5000,
  nodes: [
    { node: { id: 'a', type: 'run', label: 'a', attributes: {} }, x: 0, y: 0, width: 100, height: 40 },
    { node: { id: 'b', type: 'run', label: 'b', attributes: {} }, x: 4000, y: 4000, width: 100, height: 40 },
  ],
  edges: [
    {
      from: 'a',
      to: 'b',
      type: 'used',
      points: [
        { x: 100, y: 20 },
        { x: 4000, y: 4020 },
      ],
    },
    {
      from: 'b',
      to: 'b2',
      type: 'used',
      points: [
        { x: 4100, y: 4020 },
        { x: 4200, y: 4020 },
      ],
    },
  ],
};

describe('visible region', () => {
  it('maps the viewport into drawing coordinates, grown by the margin', () => {
    assert.deepEqual(visibleRegion({ x: -100, y: -50, scale: 2 }, 800, 600, 0), {
      x0: 50,
      y0: 25,
      x1: 450,
      y1: 325,
    });
    assert.deepEqual(visibleRegion({ x: 0, y: 0, scale: 1 }, 800, 600, 1), {
      x0: -800,
      y0: -600,
      x1: 1600,
      y1: 1200,
    });
  });

  it('keeps the nodes and the edges whose bounds meet the region', () => {
    const near = cullGraph(GRAPH, visibleRegion({ x: 0, y: 0, scale: 1 }, 800, 600, 1));
    assert.deepEqual(
      near.nodes.map((n) => n.node.id),
      ['a'],
    );
    assert.deepEqual(
      near.edges.map((e) => e.to),
      ['b'],
      'the long edge crosses the region',
    );
    const all = cullGraph(GRAPH, visibleRegion({ x: 0, y: 0, scale: 0.1 }, 800, 600, 0));
    assert.equal(all.nodes.length, 2);
    assert.equal(all.edges.length, 2);
  });

  it('tells whether a pan stays inside what was drawn', () => {
    const drawn = visibleRegion({ x: 0, y: 0, scale: 1 }, 800, 600, 1);
    assert.ok(containsRegion(drawn, visibleRegion({ x: -700, y: 0, scale: 1 }, 800, 600, 0)));
    assert.ok(!containsRegion(drawn, visibleRegion({ x: -900, y: 0, scale: 1 }, 800, 600, 0)));
  });
});
