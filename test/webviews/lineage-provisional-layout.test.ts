/** The lineage webview's first paint: the provisional layout and the view a graph opens with. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LineageGraph } from '../../webviews/lineage/contract.ts';
import { LABEL_SCALE, openingView } from '../../webviews/lineage/pan-zoom.ts';
import { columnsOf, provisionalLayout } from '../../webviews/lineage/provisional-layout.ts';
import type { PlacedGraph } from '../../webviews/lineage/layout.ts';

function graphOf(ids: readonly string[], edges: ReadonlyArray<[string, string]>): LineageGraph {
  return {
    root: ids[0] ?? '',
    nodes: ids.map((id) => ({ id, type: 'run' as const, label: id, attributes: {} })),
    edges: edges.map(([from, to]) => ({ type: 'produced', from, to })),
  };
}

function assertNoOverlaps(placed: PlacedGraph): void {
  const sorted = [...placed.nodes].sort((a, b) => a.x - b.x || a.y - b.y);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (!a || !b || a.x !== b.x) continue;
    assert.ok(a.y + a.height <= b.y, `${a.node.id} overlaps ${b.node.id}`);
  }
}

describe('provisional lineage layout', () => {
  it('puts every node one column after the furthest node pointing at it', () => {
    const columns = columnsOf(
      ['a', 'b', 'c', 'd'],
      [
        { type: 'produced', from: 'a', to: 'b' },
        { type: 'produced', from: 'b', to: 'c' },
        { type: 'produced', from: 'a', to: 'c' },
      ],
    );
    assert.deepEqual(Object.fromEntries(columns), { a: 0, b: 1, c: 2, d: 0 });
  });

  it('places every node of a cycle and stops', () => {
    const columns = columnsOf(
      ['a', 'b', 'c'],
      [
        { type: 'produced', from: 'a', to: 'b' },
        { type: 'produced', from: 'b', to: 'a' },
        { type: 'produced', from: 'b', to: 'c' },
      ],
    );
    assert.deepEqual([...columns.keys()].sort(), ['a', 'b', 'c']);
    assert.ok((columns.get('c') ?? 0) > (columns.get('b') ?? 0));
  });

  it('draws a thousand-node lineage left to right without overlaps, edges from side to side', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `n${i}`);
    const edges: Array<[string, string]> = ids.slice(100).map((id, i) => [`n${i % 100}`, id]);
    edges.push(['n999', 'missing'], ['n5', 'n5']);
    const placed = provisionalLayout(graphOf(ids, edges));
    assert.equal(placed.nodes.length, 1000);
    assert.equal(placed.edges.length, 900, 'edges to absent nodes and loops are not drawn');
    assertNoOverlaps(placed);
    const box = new Map(placed.nodes.map((p) => [p.node.id, p]));
    for (const edge of placed.edges) {
      const from = box.get(edge.from);
      const to = box.get(edge.to);
      assert.ok(from && to);
      assert.ok(from.x + from.width < to.x, `${edge.from} is left of ${edge.to}`);
      assert.deepEqual(edge.points[0], { x: from.x + from.width, y: from.y + from.height / 2 });
      assert.deepEqual(edge.points.at(-1), { x: to.x, y: to.y + to.height / 2 });
    }
    for (const p of placed.nodes) {
      assert.ok(p.x + p.width <= placed.width && p.y + p.height <= placed.height, `${p.node.id} inside`);
    }
  });

  it('orders a column by the rows of the nodes pointing at it', () => {
    const placed = provisionalLayout(
      graphOf(
        ['a', 'b', 'x', 'y'],
        [
          ['b', 'x'],
          ['a', 'y'],
        ],
      ),
    );
    const y = (id: string): number => placed.nodes.find((p) => p.node.id === id)?.y ?? Number.NaN;
    assert.ok(y('a') < y('b'));
    assert.ok(y('y') < y('x'), 'y follows a, which is above b');
  });
});

describe('opening view', () => {
  const root = { x: 5000, y: 20000, width: 120, height: 40 };

  it('shows the whole of a graph that fits readably', () => {
    const view = openingView({ width: 800, height: 400 }, root, 1000, 600);
    assert.equal(view.scale, (1000 - 2 * 24) / 800, 'the width limits it');
  });

  it('centres the root at full size when the whole would be too small to read', () => {
    const view = openingView({ width: 1340, height: 40_000 }, root, 1000, 600);
    assert.ok((1 * 600) / 40_000 < 2 * LABEL_SCALE);
    assert.deepEqual(view, { scale: 1, x: 500 - 5060, y: 300 - 20020 });
  });

  it('fits the whole when there is no root box to centre', () => {
    assert.ok(openingView({ width: 1340, height: 40_000 }, undefined, 1000, 600).scale < LABEL_SCALE);
  });
});
