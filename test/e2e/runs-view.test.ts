/**
 * In real VS Code: the Runs view lists a run that a training script logs through the daemon's
 * MLflow API while the editor is open (live, from the daemon's event stream), and the lineage
 * webview draws where that run came from.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startDaemonProcess } from '../daemon/daemon-process.ts';
import type { SpawnedDaemon } from '../daemon/daemon-process.ts';
import { CodeServerSession, missingTools, ROOT } from './code-server-session.ts';
import { mlflow } from './daemon-mlflow.ts';

const missing = missingTools();
if (missing) process.stdout.write(`# end-to-end tests skipped: ${missing}\n`);

describe('the Runs view in code-server', { skip: missing }, () => {
  let dataDir: string;
  let daemon: SpawnedDaemon;
  let session: CodeServerSession;
  /** The run the first test logs; the lineage test builds on it. */
  let runId = '';

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-e2e-daemon-'));
    daemon = await startDaemonProcess(dataDir, [], 'bundle');
    session = await CodeServerSession.start(
      path.join(ROOT, 'examples', 'churn'),
      // The price table the extension sends the daemon (the daemon's default for H100 is 3.50 USD).
      { 'mlopsLens.gpuPrices': { currency: 'EUR', perGpuHour: { H100: 3 } } },
      { MLOPS_LENS_DATA_DIR: dataDir },
    );
  });

  after(async () => {
    await session?.stop();
    daemon?.child.kill('SIGTERM');
    // With its workspace folder still watched, the daemon stops cleanly.
    if (daemon) assert.equal(await daemon.exited, 0, daemon.stderr());
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists a run logged through the MLflow API during the test', async () => {
    const { page } = session;
    await page.locator('.statusbar-item', { hasText: 'MLOps Lens' }).first().waitFor({ timeout: 60_000 });
    // The extension sent the mlopsLens.gpuPrices setting; the daemon keeps it as its price table.
    const pricesFile = path.join(dataDir, 'gpu-prices.json');
    const deadline = Date.now() + 30_000;
    while (!(existsSync(pricesFile) && readFileSync(pricesFile, 'utf8').includes('"EUR"'))) {
      assert.ok(Date.now() < deadline, 'the extension did not send mlopsLens.gpuPrices to the daemon');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const { experiment_id } = await mlflow<{ experiment_id: string }>(daemon, 'experiments/create', {
      name: 'churn-e2e',
    });
    const { run } = await mlflow<{ run: { info: { run_id: string } } }>(daemon, 'runs/create', {
      experiment_id,
      run_name: 'e2e-logistic',
      // 90 minutes on 2 H100s: 3 GPU-hours at the setting's 3 EUR.
      start_time: Date.now() - 90 * 60_000,
      tags: [
        { key: 'mlops_lens.gpu.count', value: '2' },
        { key: 'mlops_lens.gpu.type', value: 'NVIDIA H100 80GB HBM3' },
      ],
    });
    runId = run.info.run_id;
    await mlflow(daemon, 'runs/log-batch', {
      run_id: run.info.run_id,
      metrics: [{ key: 'test_auc', value: 0.871, timestamp: Date.now(), step: 0 }],
      params: [{ key: 'model', value: 'LogisticRegression' }],
    });
    await mlflow(daemon, 'runs/update', {
      run_id: run.info.run_id,
      status: 'FINISHED',
      end_time: Date.now(),
    });
    await session.runCommand('MLOps Lens: Focus on Runs View');
    // No refresh: the view updates from the daemon's event stream (its safety poll is a minute).
    const row = page.locator('.monaco-list-row', { hasText: 'e2e-logistic' }).first();
    await row.waitFor({ timeout: 20_000 });
    const text = await row.textContent();
    assert.match(text ?? '', /finished/);
    assert.match(text ?? '', /test_auc 0\.871/);
    assert.match(text ?? '', /3 GPU-h · 9\.00 EUR/);
    assert.match(
      (await page.locator('.statusbar-item', { hasText: 'MLOps Lens' }).first().textContent()) ?? '',
      /MLOps Lens/,
    );
    await session.screenshot('runs-view');
  });

  it('draws the lineage of that run in the lineage webview', async () => {
    const { page } = session;
    assert.notEqual(runId, '', 'the first test logged a run');
    await mlflow(daemon, 'runs/set-tag', {
      run_id: runId,
      key: 'mlflow.source.git.commit',
      value: '4f9c2e1d0b',
    });
    await mlflow(daemon, 'runs/log-inputs', {
      run_id: runId,
      datasets: [
        {
          tags: [{ key: 'mlflow.data.context', value: 'training' }],
          dataset: {
            name: 'customers',
            digest: 'ab12cd34',
            source_type: 'local',
            source: '{"uri": "data/customers.csv"}',
          },
        },
      ],
    });
    await mlflow(daemon, 'registered-models/create', { name: 'churn-e2e' });
    await mlflow(daemon, 'model-versions/create', {
      name: 'churn-e2e',
      source: `mlflow-artifacts:/1/${runId}/artifacts/model`,
      run_id: runId,
    });
    await session.runCommand('MLOps Lens: Show Lineage');
    const input = page.locator('.quick-input-widget input');
    await input.fill('e2e-logistic');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'e2e-logistic' }).first().click();
    const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const nodes = webview.locator('g.node');
    await webview.locator('g.node-run').first().waitFor({ timeout: 60_000 });
    const labels = await nodes.evaluateAll((elements) =>
      elements.map((e) => e.getAttribute('aria-label') ?? ''),
    );
    assert.ok(
      labels.some((l) => l === 'run e2e-logistic'),
      `run node missing: ${labels.join(' | ')}`,
    );
    assert.ok(
      labels.some((l) => l.startsWith('dataset')),
      `dataset node missing: ${labels.join(' | ')}`,
    );
    assert.ok(
      labels.some((l) => l.startsWith('model version')),
      `model version node missing: ${labels.join(' | ')}`,
    );
    assert.ok((await webview.locator('polyline.edge').count()) >= 2, 'edges are drawn');
    await session.screenshot('lineage-webview');
  });

  it('registers its workspace folder with the daemon for the importers', async () => {
    const deadline = Date.now() + 30_000;
    let folders: string[] = [];
    while (Date.now() < deadline) {
      const response = await fetch(`${daemon.url}/api/mlops-lens/v1/workspaces`, {
        headers: { authorization: `Bearer ${daemon.token}` },
      });
      folders = ((await response.json()) as { folders: Array<{ path: string }> }).folders.map((f) => f.path);
      if (folders.includes(realpathSync(session.workspace))) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.ok(folders.includes(realpathSync(session.workspace)), `registered: ${folders.join(', ')}`);
  });
});
