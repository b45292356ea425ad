/**
 * What the fixture harness does not see: it applies the first fix of each finding, with unsafe
 * fixes included. These tests check which fixes are safe, the alternatives, and the hooks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { Analyzer } from '../../server/engine/analyzer.ts';
import type { AnalyzerOptions } from '../../server/engine/analyzer.ts';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import { LineIndex } from '../../server/engine/line-index.ts';
import type { Finding } from '../../server/engine/types.ts';

function findings(uri: string, text: string, ruleId: string, options: AnalyzerOptions = {}): Finding[] {
  return new Analyzer(options).analyze({ uri, text }).findings.filter((f) => f.ruleId === ruleId);
}

const VLLM_LATEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: chat
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:latest
`;

describe('serve/mutable-image fixes', () => {
  it('selects the tag placeholder after the edit', () => {
    const [finding] = findings('file:///w/a.yaml', VLLM_LATEST, 'serve/mutable-image');
    const fix = finding?.fixes[0];
    assert.ok(fix?.placeholder, 'the tag fix has a placeholder');
    assert.equal(fix.safe, false);
    const fixed = applyEdits(VLLM_LATEST, fix.changes[0]?.edits ?? []).text;
    const lines = new LineIndex(fixed);
    const { start, end } = fix.placeholder.range;
    assert.equal(fixed.slice(lines.offset(start), lines.offset(end)), '<tag>');
  });

  it('places the placeholder of an inserted Helm tag on the new line', () => {
    const values = 'predictor:\n  image:\n    repository: vllm/vllm-openai\n';
    const [finding] = findings('file:///w/values.yaml', values, 'serve/mutable-image');
    const fix = finding?.fixes[0];
    assert.ok(fix?.placeholder);
    const fixed = applyEdits(values, fix.changes[0]?.edits ?? []).text;
    assert.equal(fixed, 'predictor:\n  image:\n    repository: vllm/vllm-openai\n    tag: <tag>\n');
    const lines = new LineIndex(fixed);
    assert.equal(
      fixed.slice(lines.offset(fix.placeholder.range.start), lines.offset(fix.placeholder.range.end)),
      '<tag>',
    );
  });

  it('offers the deployed digest first when the daemon knows it', () => {
    const digest = 'sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945';
    const deployedImageDigests = new Map([['vllm/vllm-openai:latest', digest]]);
    const [finding] = findings('file:///w/a.yaml', VLLM_LATEST, 'serve/mutable-image', {
      deployedImageDigests,
    });
    assert.equal(finding?.fixes.length, 2);
    const fixed = applyEdits(VLLM_LATEST, finding?.fixes[0]?.changes[0]?.edits ?? []).text;
    assert.match(fixed, new RegExp(`image: vllm/vllm-openai@${digest}\\n`));
    assert.equal(findings('file:///w/a.yaml', fixed, 'serve/mutable-image').length, 0);
  });
});

describe('serve/no-readiness-probe fixes', () => {
  const withoutPort = (image: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: x
spec:
  template:
    spec:
      containers:
        - name: server
          image: ${image}
          command: ["uvicorn", "app:api"]
`;

  it('is safe when the port is known and unsafe when it is a guess', () => {
    const known = findings(
      'file:///w/a.yaml',
      withoutPort('ghcr.io/acme/api:1.0.0'),
      'serve/no-readiness-probe',
    );
    assert.equal(known[0]?.fixes[0]?.safe, true);
    const kserveCustom = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: x
spec:
  predictor:
    containers:
      - name: kserve-container
        image: ghcr.io/acme/custom:1.0.0
`;
    const guessed = findings('file:///w/b.yaml', kserveCustom, 'serve/no-readiness-probe');
    assert.equal(guessed[0]?.fixes[0]?.safe, false);
    assert.match(guessed[0]?.fixes[0]?.title ?? '', /TCP port 8080/);
  });
});

describe('gpu/compose-all-devices fixes', () => {
  const compose = `services:
  llm:
    image: vllm/vllm-openai:v0.6.3
    deploy:
      resources:
        reservations:
          devices:
            - driver: nvidia
              count: all
              capabilities: [gpu]
`;

  it('offers count: 1 as the safe fix and device_ids as an explicit alternative', () => {
    const [finding] = findings('file:///w/compose.yaml', compose, 'gpu/compose-all-devices');
    assert.deepEqual(
      finding?.fixes.map((f) => f.safe),
      [true, false],
    );
    const fixed = applyEdits(compose, finding?.fixes[1]?.changes[0]?.edits ?? []).text;
    assert.match(fixed, /\n {14}device_ids: \["0"\]\n {14}capabilities: \[gpu\]\n/);
    assert.deepEqual(parseDocument(fixed).errors, []);
    assert.equal(findings('file:///w/compose.yaml', fixed, 'gpu/compose-all-devices').length, 0);
  });
});

describe('containers shared through YAML anchors', () => {
  it('are reported and fixed once, so the fix cannot write a key twice', () => {
    const compose = `services:
  a:
    image: vllm/vllm-openai:v0.6.3
    deploy:
      resources:
        reservations:
          devices:
            - &gpus
              driver: nvidia
              capabilities: [gpu]
  b:
    image: vllm/vllm-openai:v0.6.3
    deploy:
      resources:
        reservations:
          devices: [*gpus]
`;
    const [finding, ...rest] = findings('file:///w/compose.yaml', compose, 'gpu/compose-all-devices');
    assert.equal(rest.length, 0);
    const fixed = applyEdits(compose, finding?.fixes[0]?.changes[0]?.edits ?? []).text;
    assert.deepEqual(parseDocument(fixed, { uniqueKeys: true }).errors, []);
    assert.equal(findings('file:///w/compose.yaml', fixed, 'gpu/compose-all-devices').length, 0);
  });
});
