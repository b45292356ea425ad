/**
 * The metadata fix on many generated files: complete records with properties removed at every
 * level, written with different layouts (one line, 2 or 4 spaces, tabs, CRLF), and mutated
 * texts. Fixing must always give parseable JSON with no missing property left, keep the
 * properties that were there, and nothing may throw.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Analyzer } from '../../server/engine/analyzer.ts';
import { fixAll } from '../../server/engine/fix-all.ts';

const COMPLETE = {
  $schema: 'https://mlops-lens.dev/schemas/ModelRegistryMetadata.json',
  model_name: 'churn',
  version: 3,
  artifact_uri: 's3://acme/churn/3/model.pkl',
  framework: { name: 'sklearn', version: '1.5.2' },
  signature: {
    inputs: [{ name: 'tenure', type: 'double', shape: [-1] }],
    outputs: [{ name: 'p', type: 'double' }],
  },
  provenance: { git_commit: '3f2a9c1d', dataset_snapshot_uri: 's3://acme/data/v7' },
};

/** Every path of an object property (not array items), e.g. ['signature', 'inputs']. */
function propertyPaths(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    [...prefix, key],
    ...propertyPaths(child, [...prefix, key]),
  ]);
}

function without(value: unknown, paths: readonly string[][]): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const path of paths) {
    let node: Record<string, unknown> | undefined = copy;
    for (const key of path.slice(0, -1)) node = node?.[key] as Record<string, unknown> | undefined;
    if (node) delete node[path.at(-1) ?? ''];
  }
  return copy;
}

const LAYOUTS: ReadonlyArray<[string, (value: unknown) => string]> = [
  ['one line', (v) => JSON.stringify(v)],
  ['2 spaces', (v) => JSON.stringify(v, null, 2)],
  ['4 spaces', (v) => JSON.stringify(v, null, 4)],
  ['tabs', (v) => JSON.stringify(v, null, '\t')],
  ['CRLF', (v) => JSON.stringify(v, null, 2).replace(/\n/g, '\r\n')],
];

function missingFindings(analyzer: Analyzer, uri: string, text: string): string[] {
  return analyzer
    .analyze({ uri, text })
    .findings.filter((f) => f.ruleId === 'registry/metadata-invalid' && f.message.includes('is missing'))
    .map((f) => f.message);
}

describe('registry/metadata-invalid fix, on generated files', () => {
  const analyzer = new Analyzer();
  const uri = 'file:///w/model.json';
  const paths = propertyPaths(COMPLETE).filter((p) => p[0] !== '$schema');

  it('always yields valid JSON with every required property, in every layout', () => {
    let checked = 0;
    // Each property alone, and pairs of properties, removed.
    const removals = [
      ...paths.map((p) => [p]),
      ...paths.flatMap((a, i) => paths.slice(i + 1).map((b) => [a, b])),
    ];
    for (const removal of removals) {
      const value = without(COMPLETE, removal);
      for (const [layout, write] of LAYOUTS) {
        const text = write(value);
        const before = missingFindings(analyzer, uri, text);
        if (before.length === 0) continue;
        const fixed = fixAll(analyzer, { uri, text }).text;
        const where = `${layout}, without ${removal.map((p) => p.join('.')).join(' and ')}`;
        assert.doesNotThrow(() => JSON.parse(fixed), `fixed JSON does not parse (${where}):\n${fixed}`);
        assert.deepEqual(missingFindings(analyzer, uri, fixed), [], `missing properties remain (${where})`);
        // What was there is still there, unchanged.
        const parsed = JSON.parse(fixed) as Record<string, unknown>;
        for (const key of Object.keys(value as object)) {
          if (typeof (value as Record<string, unknown>)[key] !== 'object')
            assert.deepEqual(parsed[key], (value as Record<string, unknown>)[key], where);
        }
        if (layout === 'CRLF') assert.ok(!/[^\r]\n/.test(fixed), `bare LF inserted (${where})`);
        checked++;
      }
    }
    assert.ok(checked > 300, `only ${checked} cases checked`);
  });

  it('never throws on mutated metadata text', () => {
    const base = JSON.stringify(COMPLETE, null, 2);
    let state = 7;
    const random = (n: number): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const pieces = ['{', '}', '[', ']', ',', ':', '"', '\\', '\n', ' ', 'null', '-1', '\u0000'];
    for (let i = 0; i < 2000; i++) {
      const at = random(base.length);
      const mutated =
        i % 3 === 0
          ? base.slice(0, at) + base.slice(at + 1 + random(20))
          : base.slice(0, at) + (pieces[random(pieces.length)] ?? '') + base.slice(at);
      assert.doesNotThrow(() => {
        const result = analyzer.analyze({ uri, text: mutated });
        if (result.findings.length > 0) fixAll(analyzer, { uri, text: mutated });
      }, `mutation ${i} threw`);
    }
  });
});
