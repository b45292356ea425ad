/**
 * In real VS Code, against the GPU cluster demo (fake API server with KServe, real Prometheus, a
 * daemon watching the context, marked production): churn's first version serves; "Deploy Model
 * Version…" from the palette takes the second as a canary through every step (sizing with its
 * reasoning, gates, the typed confirmation), opens the diff against what is live, and after
 * "Deploy" the progress webview shows the canary at 5%. "Roll Back" in the webview restores the
 * first version, and the fake API server holds the first version alone again. The panel comes
 * back after a window reload.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NATIVE_API_PREFIX, type DeploymentRecord } from '../../daemon/api/contract.ts';
import { contextConfig, readKubeconfig } from '../../daemon/clusters/kubeconfig-contexts.ts';
import { KubeApplier } from '../../daemon/deploy/kube-applier.ts';
import { sendRequest, type RequestOptions, type TestDaemon } from '../daemon/daemon-harness.ts';
import { logTrainingRun, registerVersion } from '../daemon/training-run.ts';
import { DEMO_CONTEXT, startGpuClusterDemo, type GpuClusterDemo } from '../demo/gpu-cluster-demo.ts';
import { simulateRollouts } from '../fake-kube/rollout-simulator.ts';
import { prometheusMissing } from '../metrics/prometheus-process.ts';
import { CodeServerSession, missingTools, ROOT } from './code-server-session.ts';

const missing = missingTools() ?? prometheusMissing('the deploy end-to-end test');
if (missing) process.stdout.write(`# end-to-end tests skipped: ${missing}\n`);

const NAMESPACE = 'ml-serving';
const DEPLOYMENTS = `${NATIVE_API_PREFIX}/deployments`;

function image(version: string): string {
  return `registry.example.com/churn@sha256:${version.padStart(64, '0')}`;
}

describe('deploy a canary from the palette and roll it back in code-server', { skip: missing }, () => {
  let dataDir: string;
  let demo: GpuClusterDemo;
  let session: CodeServerSession;
  let stopRollouts: () => void;
  let daemon: TestDaemon;
  let first: string;
  let second: string;
  const webview = () => session.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

  /** The service's objects the fake API server holds: `Kind/name@version` (and the canary share). */
  async function live(): Promise<string[]> {
    const read = readKubeconfig([demo.kubeconfig]);
    const config = read.config && contextConfig(read.config, DEMO_CONTEXT);
    assert.ok(config, read.error);
    const objects = await new KubeApplier(config).listManaged(NAMESPACE, 'churn');
    return objects.map((o) => {
      const spec = (o as { spec?: { predictor?: { canaryTrafficPercent?: number } } }).spec;
      const canary = spec?.predictor?.canaryTrafficPercent;
      return `${o.kind}/${o.metadata?.name}@${o.metadata?.labels?.['mlops-lens.dev/model-version']}${canary === undefined ? '' : ` canary ${canary}%`}`;
    });
  }

  async function pick(text: string | RegExp): Promise<void> {
    const row = session.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ timeout: 60_000 });
    await row.click();
  }

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-e2e-deploy-'));
    demo = await startGpuClusterDemo(dataDir);
    stopRollouts = simulateRollouts(demo.fake);
    const port = Number(new URL(demo.daemonUrl).port);
    const authorized = (options: RequestOptions = {}): RequestOptions => ({
      ...options,
      headers: { ...options.headers, authorization: `Bearer ${demo.token}` },
    });
    daemon = {
      call: (method: string, urlPath: string, options?: RequestOptions) =>
        sendRequest(port, method, urlPath, authorized(options)),
      mlflow: (method: string, endpoint: string, payload?: Record<string, unknown>) =>
        method === 'GET'
          ? sendRequest(
              port,
              method,
              `/api/2.0/mlflow/${endpoint}`,
              authorized({
                query: Object.fromEntries(Object.entries(payload ?? {}).map(([k, v]) => [k, String(v)])),
              }),
            )
          : sendRequest(port, method, `/api/2.0/mlflow/${endpoint}`, authorized({ body: payload ?? {} })),
    } as unknown as TestDaemon;
    const versions: string[] = [];
    for (let i = 0; i < 2; i++) {
      const registered = await registerVersion(daemon, 'churn', await logTrainingRun(daemon));
      const tagged = await daemon.mlflow('POST', 'model-versions/set-tag', {
        name: 'churn',
        version: registered.version,
        key: 'mlops_lens.serving.image',
        value: image(registered.version),
      });
      assert.equal(tagged.status, 200, tagged.text);
      versions.push(registered.version);
    }
    [first = '', second = ''] = versions;
    // The first version serves before the editor opens.
    const applied = await daemon.call('POST', DEPLOYMENTS, {
      body: {
        model_name: 'churn',
        model_version: first,
        context: DEMO_CONTEXT,
        namespace: NAMESPACE,
        strategy: 'direct',
        confirm: DEMO_CONTEXT,
        dwell_ms: 0,
      },
    });
    assert.equal(applied.status, 200, applied.text);
    const id = (applied.json as DeploymentRecord).id;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const record = (await daemon.call('GET', `${DEPLOYMENTS}/${id}`)).json as DeploymentRecord;
      if (record.state === 'promoted') break;
      assert.ok(record.state === 'progressing', JSON.stringify(record.events));
      assert.ok(Date.now() < deadline, 'the first version was not promoted in 60 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.deepEqual(await live(), [`InferenceService/churn@${first}`]);
    session = await CodeServerSession.start(
      path.join(ROOT, 'examples', 'churn'),
      // Each canary step holds ten minutes: the rollback comes while the canary is at 5%.
      { 'mlopsLens.deploy.dwellSeconds': 600 },
      { MLOPS_LENS_DATA_DIR: dataDir, KUBECONFIG: demo.kubeconfig },
    );
  });

  after(async () => {
    stopRollouts?.();
    await session?.stop();
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('deploys the second version as a canary from the palette and shows it at 5%', async () => {
    const { page } = session;
    // The daemon is connected once the status bar says so.
    await page
      .locator('.statusbar-item', { hasText: /alerts?/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await session.runCommand('MLOps Lens: Deploy Model Version…');
    await pick('churn');
    await pick(new RegExp(`v${second}(?!\\d)`));
    await pick(DEMO_CONTEXT);
    await pick(NAMESPACE);
    await pick('KServe InferenceService');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'chosen' }).first().waitFor();
    await session.screenshot('deploy-sizing');
    await pick('Request nvidia.com/');
    // Back from the strategy goes to the sizing again, then on.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Blue-green' }).first().waitFor();
    await page.locator('.quick-input-widget .codicon-quick-input-back').first().click();
    await pick('Request nvidia.com/');
    await pick('Canary 5%');
    await pick('Continue with these rollback triggers');
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'registry-metadata' })
      .first()
      .waitFor();
    await session.screenshot('deploy-gates');
    await pick('Continue');
    const input = page.locator('.quick-input-widget input');
    const message = page.locator('.quick-input-widget .quick-input-message');
    await message.filter({ hasText: `${DEMO_CONTEXT} is marked production` }).waitFor();
    await input.fill('fake-gpu');
    await page.keyboard.press('Enter');
    await page
      .locator('.quick-input-widget', {
        hasText: `Type ${DEMO_CONTEXT} to deploy to this production context.`,
      })
      .waitFor();
    await session.screenshot('deploy-confirmation');
    await input.fill(DEMO_CONTEXT);
    await page.keyboard.press('Enter');
    const dialog = page.locator('.monaco-dialog-box', { hasText: `Deploy churn v${second}` });
    await dialog.waitFor({ timeout: 60_000 });
    assert.match((await dialog.textContent()) ?? '', /canary: 5% → 25% → 50% → 100%/);
    assert.match((await dialog.textContent()) ?? '', /The diff shows what is live for churn/);
    await page
      .locator('.tab', { hasText: `churn: live ↔ v${second} at 5%` })
      .first()
      .waitFor();
    // The rendered side of the diff: the canary's share of the first step.
    await page
      .locator('.monaco-diff-editor .modified-in-monaco-diff-editor .view-lines', {
        hasText: /canaryTrafficPercent:\s5/,
      })
      .waitFor();
    await session.screenshot('deploy-review');
    await dialog.locator('.monaco-button', { hasText: /^Deploy$/ }).click();

    const current = webview().locator('#steps li.current');
    await current.waitFor({ timeout: 60_000 });
    assert.equal(await current.textContent(), '5%');
    await webview()
      .locator('#traffic', { hasText: `v${second} 5% · v${first} 95%` })
      .waitFor({ timeout: 30_000 });
    assert.deepEqual(await webview().locator('#guardrails tbody tr td:first-child').allTextContents(), [
      'error-rate',
      'p99-latency',
      'drift-psi',
      'shadow-disagreement',
    ]);
    await webview()
      .locator('#events td', { hasText: 'rolled out at 5%' })
      .first()
      .waitFor({ timeout: 30_000 });
    // The service's cost per 1,000 predictions, or the daemon's reason why it has none.
    const cost = (await webview().locator('#cost').textContent()) ?? '';
    assert.match(
      cost,
      /^(\d[\d.]* USD per 1,000 predictions · |Cost per 1,000 predictions not known: .+ · )[\d.]+ GPUs? at \d+\.\d\d USD per hour/,
    );
    assert.doesNotMatch(cost, /the daemon did not answer/);
    await session.screenshot('deploy-progress-canary');
    assert.deepEqual(await live(), [`InferenceService/churn@${second} canary 5%`]);
  });

  it('rolls the canary back from the progress webview, and the first version alone is live again', async () => {
    const { page } = session;
    await webview().locator('#rollback').click();
    const dialog = page.locator('.monaco-dialog-box', { hasText: `Roll back churn v${second}` });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.locator('.monaco-button', { hasText: /^Roll Back$/ }).click();
    const verdict = webview().locator('#verdict[data-kind="rolled back"]');
    await verdict.waitFor({ timeout: 60_000 });
    assert.match(
      (await verdict.textContent()) ?? '',
      /^Rolled back \(rollback requested by .+ \(VS Code\)\); version \d+ serves 100%$/,
    );
    await webview()
      .locator('#traffic', { hasText: `v${first} 100% (restored)` })
      .waitFor();
    await session.screenshot('deploy-rolled-back');
    assert.deepEqual(await live(), [`InferenceService/churn@${first}`]);
    const { deployments } = (await daemon.call('GET', `${DEPLOYMENTS}?name=churn`)).json as {
      deployments: DeploymentRecord[];
    };
    assert.deepEqual(
      deployments.map((d) => [d.model_version, d.state]),
      [
        [second, 'rolled_back'],
        [first, 'promoted'],
      ],
    );
  });

  it('brings the progress panel back after the window reloads, with the verdict', async () => {
    const { page } = session;
    await session.runCommand('Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 120_000 });
    const tab = page.locator('.tab', { hasText: /^Deployment [0-9a-f]{8}/ }).first();
    await tab.waitFor({ timeout: 60_000 });
    await tab.click();
    const verdict = webview().locator('#verdict[data-kind="rolled back"]');
    await verdict.waitFor({ timeout: 60_000 });
    assert.match((await verdict.textContent()) ?? '', new RegExp(`version ${first} serves 100%`));
    assert.equal(await webview().locator('#rollback').getAttribute('disabled'), '');
    await session.screenshot('deploy-progress-restored');
  });
});
