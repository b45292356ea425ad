import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap, parseDocument } from 'yaml';
import { readHelmImageBlocks } from '../../server/workloads/helm-images.ts';

describe('Helm values image blocks', () => {
  it('reads every image map with a repository, at any depth', () => {
    const doc = parseDocument(
      [
        'image: {repository: acme/api, tag: "1.0"}',
        'predictor:',
        '  image:',
        '    repository: vllm/vllm-openai',
        '    tag: ""',
        '    digest: sha256:abc',
        'sidecars:',
        '  proxy:',
        '    image:',
        '      registry: ghcr.io',
        '      repository: acme/proxy',
        'notAnImage:',
        '  image: plain-string:1.0',
        '',
      ].join('\n'),
    );
    assert.ok(isMap(doc.contents));
    const blocks = readHelmImageBlocks(doc.contents, doc);
    assert.deepEqual(
      blocks.map((b) => [b.path, b.repository, b.tag?.value, b.tagPair !== undefined, b.hasDigest]),
      [
        ['(root)', 'acme/api', '1.0', true, false],
        ['predictor', 'vllm/vllm-openai', '', true, true],
        ['sidecars.proxy', 'acme/proxy', undefined, false, false],
      ],
    );
  });
});
