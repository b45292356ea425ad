import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import { startCliDaemon, type CliDaemon, type CliRun } from '../daemon/cli-harness.ts';
import { tempDir, type DaemonCalls } from '../daemon/daemon-harness.ts';
import { startFakeKube, type FakeKube } from '../fake-kube/fake-kube-server.ts';
import { writeKubeconfig } from '../fake-kube/kubeconfig.ts';
import { simulateRollouts } from '../fake-kube/rollout-simulator.ts';
import { registerServedVersions } from './deployment-daemon.ts';

const CONTEXT = 'fake-gpu-cluster';

describe('mlops-lens deploy (a real daemon process, the bin, the fake API server)', () => {
  let fake: FakeKube;
  let scene: CliDaemon;
  let stopRollouts: () => void;
  let client: DaemonCalls;
  const cli = (...args: string[]): Promise<CliRun> => scene.cli(...args);
  const deployArgs = ['--context', CONTEXT, '--namespace', 'ml-serving', '--dwell', '1'];

  before(async () => {
    fake = await startFakeKube({ customGroups: [] });
    stopRollouts = simulateRollouts(fake, (object) =>
      object.metadata.labels?.['mlops-lens.dev/model-version'] === '2' ? 'deadline-exceeded' : 'ready',
    );
    process.env.KUBECONFIG = await writeKubeconfig(tempDir(), fake);
    scene = await startCliDaemon();
    client = scene.calls;
    await registerServedVersions(client, 'fraud', ['1', '2']);
    const enabled = await client.call('POST', `${NATIVE_API_PREFIX}/clusters/contexts/settings`, {
      body: { context: CONTEXT, enabled: true },
    });
    assert.equal(enabled.status, 200, enabled.text);
    for (let i = 0; ; i += 1) {
      const nodes = await client.call('GET', `${NATIVE_API_PREFIX}/clusters/nodes`, {
        query: { context: CONTEXT },
      });
      if (nodes.status === 200 && (nodes.json as { nodes: unknown[] }).nodes.length > 0) break;
      assert.ok(i < 200, `no nodes: ${nodes.text}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  after(async () => {
    stopRollouts();
    await scene.close();
    await fake.close();
    delete process.env.KUBECONFIG;
  });

  it('plan prints the sizing reasoning, the coarse traffic note, the gates and the manifests', async () => {
    const run = await cli('deploy', 'plan', 'fraud@1', ...deployArgs, '--strategy', 'canary');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /runtime deployment, traffic replica-ratio, steps 100%/);
    assert.match(run.stdout, /^GPU: nvidia\.com\/\S+ \(estimate, needs \d+ MiB\)$/m);
    assert.match(run.stdout, /chosen nvidia\.com\//);
    assert.match(run.stdout, /passed +production-confirmation/);
    assert.match(run.stdout, /^kind: Deployment$/m);
    assert.match(run.stdout, /image: registry\.example\.com\/fraud@sha256:0+1$/m);
  });

  it('plan refuses --runtime kserve where the cluster does not serve the KServe CRD', async () => {
    const run = await cli('deploy', 'plan', 'fraud@1', ...deployArgs, '--runtime', 'kserve');
    assert.equal(run.code, 1, run.stdout);
    assert.match(
      run.stderr,
      /runtime 'kserve' needs the InferenceService CRD \(serving\.kserve\.io\/v1beta1\)/,
    );
    const chosen = await cli('deploy', 'plan', 'fraud@1', ...deployArgs, '--runtime', 'deployment');
    assert.equal(chosen.code, 0, chosen.stderr);
    assert.match(chosen.stdout, /runtime deployment, traffic replica-ratio/);
  });

  it('plan takes a business metric as a rollback trigger, and refuses one that is not defined', async () => {
    const refused = await cli(
      'deploy',
      'plan',
      'fraud@1',
      ...deployArgs,
      '--business-metric',
      'conversion_rate',
    );
    assert.equal(refused.code, 1, refused.stdout);
    assert.match(refused.stderr, /Business metric 'conversion_rate' is not defined/);
    const defined = await client.call('PUT', `${NATIVE_API_PREFIX}/business-metrics/conversion_rate`, {
      body: { direction: 'higher' },
    });
    assert.equal(defined.status, 200, defined.text);
    const run = await cli('deploy', 'plan', 'fraud@1', ...deployArgs, '--business-metric', 'conversion_rate');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ {2}business-metric \(conversion_rate\) below -0\.02 relative change$/m);
  });

  it('apply exits 0 when promoted and 1 when the canary rolls back; status and rollback name the deployment', async () => {
    const first = await cli('deploy', 'apply', 'fraud@1', ...deployArgs);
    assert.equal(first.code, 0, first.stderr + first.stdout);
    assert.match(first.stdout, /fraud version 1 → fake-gpu-cluster\/ml-serving: promoted at 100%/);

    const second = await cli('deploy', 'apply', 'fraud@2', ...deployArgs, '--strategy', 'canary');
    assert.equal(second.code, 1, second.stdout);
    assert.match(second.stdout, /rolled_back at 0%/);
    assert.match(second.stdout, /reason: .*fraud-v2 failed to roll out/);
    assert.match(second.stderr, /deployment rolled_back/);

    const status = await cli('deploy', 'status', '--model', 'fraud');
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /rolled_back/);
    assert.match(status.stdout, /promoted/);

    const id = /^(\S+) fraud version 1/m.exec(first.stdout)?.[1] ?? '';
    const rollback = await cli('deploy', 'rollback', id);
    assert.equal(rollback.code, 0, rollback.stderr);
    assert.match(rollback.stdout, /rolled_back at 0%/);
    const again = await cli('deploy', 'rollback', id);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already rolled back/);
    const usage = await cli('deploy', 'apply', 'fraud');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /expected <model>@<version\|alias>/);
  });
});
