import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pinnedImage } from '../../daemon/deploy/image-reference.ts';
import type { RenderInput } from '../../daemon/deploy/render-input.ts';
import { renderStep, replicaSplit } from '../../daemon/deploy/render-manifests.ts';
import { served } from './deploy-scene.ts';

const GOLDEN = join(import.meta.dirname, 'golden');

function input(overrides: Partial<RenderInput>): RenderInput {
  return {
    deploymentId: 'd-1',
    service: 'fraud',
    namespace: 'ml-serving',
    model: 'fraud',
    runtime: 'deployment',
    traffic: 'replica-ratio',
    strategy: 'canary',
    gpuResource: 'nvidia.com/mig-1g.10gb',
    replicas: 4,
    next: served('2'),
    previous: served('1'),
    percent: 25,
    gateway: 'mlops-lens',
    ...overrides,
  };
}

async function golden(name: string, value: unknown): Promise<void> {
  const file = join(GOLDEN, `${name}.json`);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN) {
    await mkdir(GOLDEN, { recursive: true });
    await writeFile(file, text);
  }
  assert.equal(
    text,
    await readFile(file, 'utf8'),
    `${name} differs from ${file} (UPDATE_GOLDEN=1 rewrites it)`,
  );
}

describe('rendering', () => {
  it('KServe canary: one InferenceService with canaryTrafficPercent, the image by digest, the slice and a readiness probe', async () => {
    await golden('kserve-canary-25', renderStep(input({ runtime: 'kserve', traffic: 'kserve-canary' })));
  });

  it('KServe at 100%: no canaryTrafficPercent', () => {
    const [isvc] = renderStep(input({ runtime: 'kserve', traffic: 'kserve-canary', percent: 100 }));
    assert.equal(
      (isvc?.spec as { predictor: Record<string, unknown> }).predictor.canaryTrafficPercent,
      undefined,
    );
  });

  it('Gateway API canary: a Deployment and Service per version and HTTPRoute weights', async () => {
    await golden('gateway-canary-25', renderStep(input({ traffic: 'gateway-weights' })));
  });

  it('Gateway API shadow: all traffic to the previous version, mirrored to the new one', async () => {
    await golden(
      'gateway-shadow',
      renderStep(input({ traffic: 'gateway-weights', strategy: 'shadow', percent: 0 })),
    );
  });

  it('replica ratio: both versions behind one Service, split by their replicas (coarse)', async () => {
    await golden('replica-ratio-canary-25', renderStep(input({})));
    assert.deepEqual(replicaSplit(4, 5), { next: 1, previous: 3 });
    assert.deepEqual(replicaSplit(2, 50), { next: 1, previous: 1 });
    assert.deepEqual(replicaSplit(4, 100), { next: 4, previous: 0 });
  });

  it('blue-green by replica ratio: the Service selects the previous version until the switch', () => {
    const before = renderStep(input({ strategy: 'blue-green', percent: 0 }));
    const selector = (o: (typeof before)[number] | undefined) =>
      (o?.spec as { selector: Record<string, string> }).selector;
    assert.equal(selector(before.find((o) => o.kind === 'Service'))['mlops-lens.dev/model-version'], '1');
    const after = renderStep(input({ strategy: 'blue-green', percent: 100 }));
    assert.deepEqual(
      after.map((o) => `${o.kind}/${o.metadata.name}`),
      ['Deployment/fraud-v2', 'Service/fraud'],
    );
    assert.equal(selector(after.find((o) => o.kind === 'Service'))['mlops-lens.dev/model-version'], '2');
  });

  it('refuses shadow without Gateway API', () => {
    assert.throws(() => renderStep(input({ strategy: 'shadow' })), /shadow needs Gateway API/);
    assert.throws(
      () => renderStep(input({ strategy: 'shadow', runtime: 'kserve' })),
      /shadow needs Gateway API/,
    );
  });
});

describe('image by digest', () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  it('takes a digest, or the registry metadata’s digest for the same repository', () => {
    assert.equal(pinnedImage(`r.io/fraud@${digest}`, undefined), `r.io/fraud@${digest}`);
    assert.equal(pinnedImage('r.io/fraud:1.2', `r.io/fraud@${digest}`), `r.io/fraud@${digest}`);
    assert.equal(pinnedImage(undefined, `r.io/fraud@${digest}`), `r.io/fraud@${digest}`);
  });
  it('refuses a tag-only image with a clear error', () => {
    assert.throws(
      () => pinnedImage('r.io/fraud:latest', undefined),
      /image r.io\/fraud:latest has no digest.*r.io\/fraud@sha256:<digest>/,
    );
    assert.throws(() => pinnedImage('r.io/fraud:1', `r.io/other@${digest}`), /has no digest/);
    assert.throws(() => pinnedImage(undefined, undefined), /no serving image/);
  });
});
