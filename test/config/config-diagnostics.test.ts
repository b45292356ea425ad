/**
 * `.mlops-lens.yaml` is checked like any other file: every problem is reported at its exact
 * place, a broken file never breaks analysis, and a valid file changes what the rules report.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../server/config/load-config.ts';
import { Analyzer } from '../../server/engine/analyzer.ts';
import type { Note } from '../../server/engine/types.ts';

const CONFIG_URI = 'file:///w/.mlops-lens.yaml';

/** The notes as `line:col-line:col severity message` (zero-based, as LSP ranges). */
function notesOf(text: string): string[] {
  const { notes } = new Analyzer().analyze({ uri: CONFIG_URI, text });
  return notes.map((n: Note) => {
    const { start, end } = n.range;
    assert.equal(n.code, 'config-error');
    return `${start.line}:${start.character}-${end.line}:${end.character} ${n.severity} ${n.message}`;
  });
}

const MANIFEST = {
  uri: 'file:///w/k8s/ranker.yaml',
  text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ranker
spec:
  template:
    spec:
      containers:
        - name: server
          image: vllm/vllm-openai:latest
          resources:
            requests:
              nvidia.com/gpu: 1
`,
};

describe('.mlops-lens.yaml diagnostics', () => {
  it('reports an unknown top-level setting at its key', () => {
    assert.deepEqual(notesOf('rulez:\n  gpu/limits-missing: off\n'), [
      '0:0-0:5 error Unknown setting "rulez" in (top level).',
    ]);
  });

  it('reports an unknown nested setting at its key', () => {
    assert.deepEqual(notesOf('cluster:\n  gpuProduct: [NVIDIA-A100-SXM4-80GB]\n'), [
      '1:2-1:12 error Unknown setting "gpuProduct" in /cluster.',
    ]);
  });

  it('reports a value outside an enum at the value', () => {
    assert.deepEqual(notesOf('cluster:\n  migStrategy: sometimes\n'), [
      '1:15-1:24 error /cluster/migStrategy: must be one of "none", "single", "mixed".',
    ]);
    assert.deepEqual(notesOf('rules:\n  gpu/limits-missing: maybe\n'), [
      '1:22-1:27 error /rules/gpu~1limits-missing: must be one of "off", "error", "warning", "information".',
    ]);
  });

  it('reports a malformed rule id once, at the key', () => {
    assert.deepEqual(notesOf('rules:\n  GPU_limits: off\n'), [
      '1:2-1:12 error "GPU_limits" is not a rule id (expected area/kebab-name, e.g. gpu/limits-missing).',
    ]);
  });

  it('suggests the known rule a misspelled id was meant to be', () => {
    assert.deepEqual(notesOf('rules:\n  gpu/limits-mising: off\n  serve/mutable-image: error\n'), [
      '1:2-1:19 warning Unknown rule "gpu/limits-mising"; did you mean "gpu/limits-missing"? The setting is ignored.',
    ]);
    // Ids far from every known one may be rules of another build: left alone.
    assert.deepEqual(notesOf('rules:\n  skew/feature-mismatch: off\n'), []);
  });

  it('reports a MIG profile that does not match the pattern at the list item', () => {
    assert.deepEqual(notesOf('cluster:\n  migProfiles: [1g.10gb, 1g.10gib]\n'), [
      '1:25-1:33 error /cluster/migProfiles/1: must match pattern "^[0-9]+g\\.[0-9]+gb(\\+me|\\.me)?$".',
    ]);
  });

  it('reports a number out of range at the value', () => {
    assert.deepEqual(notesOf('cluster:\n  timeSlicing: {replicas: 1}\n'), [
      '1:26-1:27 error /cluster/timeSlicing/replicas: must be >= 2.',
    ]);
  });

  it('reports YAML syntax errors where they are', () => {
    assert.deepEqual(notesOf('cluster:\n\tmigStrategy: single\n'), [
      '1:0-1:1 error YAML syntax error: Tabs are not allowed as indentation',
    ]);
    assert.deepEqual(notesOf('cluster:\n  migStrategy: "single\n'), [
      '2:0-2:0 error YAML syntax error: Missing closing "quote',
    ]);
  });

  it('reports a file that is not a mapping', () => {
    assert.deepEqual(notesOf('- rules\n'), ['0:0-1:0 error (top level): must be object.']);
  });

  it('refuses an alias bomb without expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [name, previous] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
      ['g', 'f'],
    ] as const) {
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const loaded = loadConfig(CONFIG_URI, `${levels.join('\n')}\n`);
    assert.deepEqual(loaded.config, {});
    assert.equal(loaded.notes.length, 1);
    assert.match(loaded.notes[0]?.message ?? '', /^Configuration not loaded: .*alias/i);
  });

  it('keeps the valid rule settings beside a broken one', () => {
    const loaded = loadConfig(CONFIG_URI, 'rules:\n  GPU_limits: off\n  gpu/limits-missing: off\n');
    assert.deepEqual(loaded.config, { rules: { 'gpu/limits-missing': 'off' } });
  });
});

describe('a valid .mlops-lens.yaml', () => {
  const findingsWith = (text: string | undefined): Array<[string, string]> => {
    const config = text === undefined ? undefined : loadConfig(CONFIG_URI, text);
    assert.deepEqual(config?.notes ?? [], []);
    return new Analyzer(config ? { config } : {})
      .analyze(MANIFEST)
      .findings.map((f): [string, string] => [f.ruleId, f.severity])
      .filter(([id]) => id === 'gpu/limits-missing' || id === 'serve/mutable-image');
  };

  it('reports the defaults without a configuration', () => {
    assert.deepEqual(findingsWith(undefined), [
      ['serve/mutable-image', 'warning'],
      ['gpu/limits-missing', 'error'],
    ]);
  });

  it('turns rules off and changes severities', () => {
    assert.deepEqual(findingsWith('rules:\n  gpu/limits-missing: off\n  serve/mutable-image: error\n'), [
      ['serve/mutable-image', 'error'],
    ]);
    assert.deepEqual(findingsWith('rules:\n  gpu/limits-missing: information\n'), [
      ['serve/mutable-image', 'warning'],
      ['gpu/limits-missing', 'information'],
    ]);
  });
});
