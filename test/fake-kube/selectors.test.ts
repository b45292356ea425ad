import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiError } from './api-status.ts';
import { fieldsMatch, parseFieldSelector } from './field-selector.ts';
import type { KubeObject } from './kube-object.ts';
import { labelsMatch, parseLabelSelector } from './label-selector.ts';
import { BUILT_IN_TYPES } from './resource-catalog.ts';

const podType = BUILT_IN_TYPES.find((t) => t.kind === 'Pod');

describe('label selectors', () => {
  const labels = { app: 'ranker', tier: 'gold', 'nvidia.com/gpu.present': 'true' };
  const cases: [string, boolean][] = [
    ['app=ranker', true],
    ['app==ranker,tier!=silver', true],
    ['app in (ranker, scorer)', true],
    ['tier notin (gold)', false],
    ['zone notin (a)', true],
    ['nvidia.com/gpu.present', true],
    ['!spot', true],
    ['!tier', false],
    ['app=scorer', false],
    ['', true],
  ];
  for (const [selector, expected] of cases) {
    it(`"${selector}" ${expected ? 'matches' : 'does not match'}`, () => {
      assert.equal(labelsMatch(parseLabelSelector(selector), labels), expected);
    });
  }

  it('refuses malformed selectors with a 400 naming the term', () => {
    for (const selector of ['app in (a', 'app=a=b', 'bad key=x', 'app=' + 'x'.repeat(64)]) {
      assert.throws(
        () => parseLabelSelector(selector),
        (error: ApiError) =>
          error.status.code === 400 && /unable to parse requirement/.test(error.status.message),
        selector,
      );
    }
  });
});

describe('field selectors', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'n' },
    spec: { nodeName: 'gpu-1' },
    status: { phase: 'Running' },
  } as KubeObject;

  it('matches the fields the real server registers for pods', () => {
    assert.ok(podType);
    assert.ok(fieldsMatch(parseFieldSelector('spec.nodeName=gpu-1,status.phase!=Pending', podType), pod));
    assert.ok(!fieldsMatch(parseFieldSelector('metadata.namespace==other', podType), pod));
    assert.ok(
      fieldsMatch(parseFieldSelector('status.podIP=', podType), pod),
      'an absent field is the empty string',
    );
  });

  it('refuses fields the kind does not register', () => {
    assert.ok(podType);
    assert.throws(
      () => parseFieldSelector('spec.containers=x', podType),
      /field label not supported: spec\.containers/,
    );
    assert.throws(() => parseFieldSelector('nonsense', podType), /invalid selector/);
  });
});
