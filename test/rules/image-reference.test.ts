import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mutability, parseImageReference } from '../../server/rules/serve/image-reference.ts';

describe('image references', () => {
  it('finds the tag after the last path segment only', () => {
    assert.deepEqual(parseImageReference('localhost:5000/acme/ranker'), {
      name: 'localhost:5000/acme/ranker',
      tag: undefined,
      digest: undefined,
    });
    assert.deepEqual(parseImageReference('localhost:5000/acme/ranker:1.4.2'), {
      name: 'localhost:5000/acme/ranker',
      tag: '1.4.2',
      digest: undefined,
    });
    assert.deepEqual(parseImageReference('nginx:latest@sha256:abc'), {
      name: 'nginx',
      tag: 'latest',
      digest: 'sha256:abc',
    });
  });

  it('tells mutable references from pinned ones', () => {
    assert.equal(mutability('vllm/vllm-openai'), 'no-tag');
    assert.equal(mutability('vllm/vllm-openai:latest'), 'latest');
    assert.equal(mutability('vllm/vllm-openai:v0.6.3'), undefined);
    assert.equal(mutability('vllm/vllm-openai@sha256:abc'), undefined);
    assert.equal(mutability('vllm/vllm-openai:latest@sha256:abc'), undefined);
    assert.equal(mutability('${IMAGE}'), undefined);
    assert.equal(mutability('{{ .Values.image }}'), undefined);
    assert.equal(mutability(''), undefined);
  });
});
