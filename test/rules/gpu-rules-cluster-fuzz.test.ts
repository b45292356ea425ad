/**
 * The GPU rules read the cluster context (inventory, free slices, peaks, time-slicing), which the
 * engine-wide fuzz test runs without. Here every GPU fixture, mutated, meets several contexts:
 * nothing may throw, and every fix must apply to text that still parses as often as it did.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Analyzer } from '../../server/engine/analyzer.ts';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import type { ClusterContext } from '../../server/gpu/cluster-context.ts';
import { ALL_RULES } from '../../server/rules/registry.ts';
import { seededRandom as prng } from '../robustness/seeded-random.ts';

const dir = path.resolve(import.meta.dirname, '../fixtures/rules/gpu');
const rules = ALL_RULES.filter((r) => r.meta.id.startsWith('gpu/'));

const CONTEXTS: ClusterContext[] = [
  {
    source: 'live',
    gpuProducts: ['NVIDIA-H100-80GB-HBM3', 'NVIDIA-A100-SXM4-40GB'],
    migStrategy: 'mixed',
    migProfiles: ['1g.10gb', '1g.10gb.me', '3g.40gb', '7g.80gb', 'bogus'],
    freeMigSlices: { '1g.10gb': 0, '3g.40gb': 2, '9g.1gb': 5 },
    timeSlicing: { replicas: 2, renamed: true },
    peakGpuMemoryMiB: { 'default/chat': 1, 'search/embedder': 90_000, 'llm/chat': Number.NaN },
  },
  { source: 'live', gpuProducts: [], migStrategy: 'none', migProfiles: [], timeSlicing: undefined },
  {
    source: 'live',
    gpuProducts: ['weird'],
    migStrategy: 'single',
    migProfiles: undefined,
    timeSlicing: undefined,
  },
];

const TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ': ',
  '- ',
  '&a ',
  '*a',
  '<<: *a',
  '---',
  '0.5',
  '500m',
  'null',
  '~',
  '""',
];

function mutate(text: string, random: () => number): string {
  const lines = text.split('\n');
  const at = Math.floor(random() * lines.length);
  const line = lines[at] ?? '';
  const column = Math.floor(random() * (line.length + 1));
  const token = TOKENS[Math.floor(random() * TOKENS.length)] ?? '';
  switch (Math.floor(random() * 3)) {
    case 0:
      lines[at] = line.slice(0, column) + token + line.slice(column);
      break;
    case 1:
      lines.splice(at, 1);
      break;
    default:
      lines[at] = line.slice(0, column) + token;
  }
  return lines.join('\n');
}

function fixtures(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const rule of readdirSync(dir)) {
    const folder = path.join(dir, rule);
    if (!statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder))
      if (/^(values-)?(positive|negative)[^.]*\.yaml$/.test(name))
        out.push([name, readFileSync(path.join(folder, name), 'utf8')]);
  }
  return out;
}

describe('GPU rules under cluster contexts and mutated input', () => {
  it('never throw, and their fixes apply', () => {
    const random = prng(20_261_125);
    const analyzers = CONTEXTS.map((cluster) => new Analyzer({ rules, cluster }));
    let checked = 0;
    for (const [name, text] of fixtures()) {
      for (let round = 0; round < 25; round++) {
        const input = round === 0 ? text : mutate(text, random);
        for (const analyzer of analyzers) {
          const document = { uri: `file:///w/${name}`, text: input };
          const { findings } = analyzer.analyze(document);
          for (const finding of findings) {
            assert.doesNotMatch(finding.message, /\b(NaN|undefined|Infinity)\b/, finding.message);
            for (const fix of finding.fixes)
              assert.doesNotThrow(() =>
                applyEdits(
                  input,
                  fix.changes.flatMap((c) => c.edits),
                ),
              );
          }
          checked++;
        }
      }
    }
    assert.ok(checked > 1000, `only ${checked} documents checked`);
  });
});
