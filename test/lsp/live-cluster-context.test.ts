/**
 * `mlopsLens/clusterContext` over stdio: the client sends the live cluster it learned from the
 * daemon, and the GPU rules' messages change with it (observed peak memory, free slices, the
 * profiles the cluster really offers); `null` brings back the workspace profile; a malformed
 * payload is refused with the field named and changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ClusterContextNotification } from '../../server/lsp/protocol.ts';
import type { LiveClusterContext } from '../../server/lsp/protocol.ts';
import { buildServer, LspSession } from './lsp-session.ts';
import { WorkspaceOnDisk } from './workspace-on-disk.ts';

const SERVING = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: churn-api
  namespace: ml-serving
spec:
  template:
    spec:
      nodeSelector:
        nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3
      containers:
        - name: api
          image: ghcr.io/acme/churn-api:1.4.2
          resources:
            limits:
              nvidia.com/gpu: 1
`;

const NOTEBOOK = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: lab
  namespace: team
spec:
  template:
    spec:
      containers:
        - name: notebook
          image: jupyter/scipy-notebook:2024-10-07
          resources:
            limits:
              nvidia.com/mig-2g.20gb: 1
`;

const LIVE: LiveClusterContext = {
  name: 'fake-gpu-cluster',
  gpuProducts: ['NVIDIA-H100-80GB-HBM3'],
  migStrategy: 'mixed',
  migProfiles: ['1g.10gb', '3g.40gb'],
  freeMigSlices: { '1g.10gb': 12, '3g.40gb': 3 },
  peakGpuMemoryMiB: { 'ml-serving/churn-api': 6_554 },
};

interface Shown {
  readonly severity: Diagnostic['severity'];
  readonly message: string;
}

function byRule(diagnostics: readonly Diagnostic[], rule: string): Shown | undefined {
  const found = diagnostics.find((d) => d.code === rule);
  if (!found) return undefined;
  const { message } = found;
  return { severity: found.severity, message: typeof message === 'string' ? message : message.value };
}

describe('language server over stdio: the live cluster context', { timeout: 60_000 }, () => {
  let workspace: WorkspaceOnDisk;
  let session: LspSession;
  const serving = (): string => workspace.uri('k8s/serving.yaml');
  const notebook = (): string => workspace.uri('k8s/notebook.yaml');
  const messageOf = async (uri: string, rule: string, accept: (m: string) => boolean): Promise<Shown> => {
    const params = await session.waitForDiagnostics(uri, (p) => {
      const found = byRule(p.diagnostics, rule);
      return found !== undefined && accept(found.message);
    });
    const found = byRule(params.diagnostics, rule);
    assert.ok(found);
    return found;
  };

  before(async () => {
    buildServer();
    workspace = new WorkspaceOnDisk({ 'k8s/serving.yaml': SERVING, 'k8s/notebook.yaml': NOTEBOOK });
    session = await LspSession.start({ workspaceFolder: workspace.root });
    await session.open(serving(), SERVING);
    await session.open(notebook(), NOTEBOOK);
  });

  after(async () => {
    await session.stop();
    workspace.remove();
  });

  it('without a cluster: information, no peak, and the H100 catalog for MIG profiles', async () => {
    const whole = await messageOf(serving(), 'gpu/whole-device-request', () => true);
    assert.equal(whole.severity, 3);
    assert.doesNotMatch(whole.message, /observed peak/);
    // 2g.20gb is a real H100 profile, so without a cluster nothing is wrong with it.
    const { diagnostics } = await session.waitForDiagnostics(notebook());
    assert.equal(byRule(diagnostics, 'gpu/unknown-mig-profile'), undefined);
  });

  it('with the live cluster: a warning naming the observed peak and the free slices', async () => {
    await session.connection.sendNotification(ClusterContextNotification, { cluster: LIVE });
    const whole = await messageOf(serving(), 'gpu/whole-device-request', (m) => m.includes('observed peak'));
    assert.equal(whole.severity, 2);
    assert.match(whole.message, /observed peak GPU memory is 6\.4 GiB of 80 GB \(H100-80GB\)/);
    assert.match(whole.message, /free MIG slices: 1g\.10gb ×12, 3g\.40gb ×3/);
    assert.match(whole.message, /A 1g\.10gb MIG slice would likely do/);
  });

  it('checks MIG profiles against what the cluster really offers', async () => {
    const unknown = await messageOf(notebook(), 'gpu/unknown-mig-profile', () => true);
    assert.match(
      unknown.message,
      /nvidia\.com\/mig-2g\.20gb is not offered by the cluster fake-gpu-cluster \(offered: 1g\.10gb, 3g\.40gb\)/,
    );
  });

  it('refuses a malformed context, naming the field, and keeps the last good one', async () => {
    const logged = session.logs.length;
    await session.connection.sendNotification(ClusterContextNotification, {
      cluster: { ...LIVE, peakGpuMemoryMiB: { 'ml-serving/churn-api': 'lots' } },
    } as never);
    const deadline = Date.now() + 10_000;
    while (!session.logs.slice(logged).some((l) => l.includes('cluster.peakGpuMemoryMiB'))) {
      assert.ok(Date.now() < deadline, `no log naming the field; logs: ${session.logs.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const latest = session.published.get(serving());
    assert.match(byRule(latest?.diagnostics ?? [], 'gpu/whole-device-request')?.message ?? '', /6\.4 GiB/);
  });

  it('null brings back the workspace profile', async () => {
    await session.connection.sendNotification(ClusterContextNotification, { cluster: null });
    const whole = await messageOf(serving(), 'gpu/whole-device-request', (m) => !m.includes('observed peak'));
    assert.equal(whole.severity, 3);
    const { diagnostics } = await session.waitForDiagnostics(
      notebook(),
      (p) => byRule(p.diagnostics, 'gpu/unknown-mig-profile') === undefined,
    );
    assert.equal(byRule(diagnostics, 'gpu/unknown-mig-profile'), undefined);
  });
});
