/**
 * In real VS Code: the lineage webview lays a run's graph out (its refined layout comes from the
 * ELK worker, which the panel's CSP must allow), and clicking a node opens what it is: the code
 * node opens the run's source file in an editor, the dataset node the dataset's file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startDaemonProcess } from '../daemon/daemon-process.ts';
import type { SpawnedDaemon } from '../daemon/daemon-process.ts';
import { CodeServerSession, missingTools, ROOT } from './code-server-session.ts';
import { mlflow } from './daemon-mlflow.ts';

const missing = missingTools();
if (missing) process.stdout.write(`# end-to-end tests skipped: ${missing}\n`);

describe('opening lineage nodes in code-server', { skip: missing }, () => {
  let dataDir: string;
  let daemon: SpawnedDaemon;
  let session: CodeServerSession;
  /** The run the first test logs; the second registers a version from it. */
  let runId = '';

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-e2e-daemon-'));
    daemon = await startDaemonProcess(dataDir, [], 'bundle');
    session = await CodeServerSession.start(
      path.join(ROOT, 'examples', 'churn'),
      {},
      { MLOPS_LENS_DATA_DIR: dataDir },
    );
  });

  after(async () => {
    await session?.stop();
    daemon?.child.kill('SIGTERM');
    if (daemon) await daemon.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens the source file of a run when its code node is clicked', async () => {
    const { page } = session;
    await page.locator('.statusbar-item', { hasText: 'MLOps Lens' }).first().waitFor({ timeout: 60_000 });
    const { experiment_id } = await mlflow<{ experiment_id: string }>(daemon, 'experiments/create', {
      name: 'churn-open',
    });
    const { run } = await mlflow<{ run: { info: { run_id: string } } }>(daemon, 'runs/create', {
      experiment_id,
      run_name: 'open-me',
      start_time: Date.now(),
      tags: [
        { key: 'mlflow.source.git.commit', value: '9b1d2c3e4f' },
        // As MLflow records it on the machine that trained: a path outside this workspace.
        { key: 'mlflow.source.name', value: '/home/ci/checkout/examples/churn/train.py' },
      ],
    });
    runId = run.info.run_id;
    await mlflow(daemon, 'runs/log-inputs', {
      run_id: run.info.run_id,
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
    await session.runCommand('MLOps Lens: Show Lineage');
    await page.locator('.quick-input-widget input').fill('open-me');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'open-me' }).first().click();
    const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    // The refined layout arrives from the worker: the CSP lets it start.
    await webview.locator('body[data-layout-ms]').waitFor({ state: 'attached', timeout: 60_000 });
    const status = (await webview.locator('#status').textContent()) ?? '';
    assert.match(status, /first paint \d+ ms, layout \d+ ms/, status);

    await webview.locator('g.node-code').first().click();
    const tab = page.locator('.tabs-container .tab.active', { hasText: 'train.py' });
    await tab.waitFor({ timeout: 30_000 });
    await page
      .locator('.monaco-editor .view-lines', { hasText: 'def ' })
      .first()
      .waitFor({ timeout: 30_000 });
    await session.screenshot('lineage-open-source-file');

    // The editor opened beside the graph and narrowed it: fit the graph into what is left.
    await webview.locator('#fit').click();
    await webview.locator('g.node-dataset').first().click();
    await page
      .locator('.tabs-container .tab.active', { hasText: 'customers.csv' })
      .waitFor({ timeout: 30_000 });
  });

  it('shows the lineage of the model a serving file loads, and says why a file has none', async () => {
    const { page } = session;
    assert.notEqual(runId, '', 'the first test logged a run');
    await mlflow(daemon, 'registered-models/create', { name: 'churn-served' });
    // The run logged the model file that serve.py loads from artifacts/model.joblib.
    await mlflow(daemon, 'model-versions/create', {
      name: 'churn-served',
      source: `mlflow-artifacts:/1/${runId}/artifacts/model.joblib`,
      run_id: runId,
    });
    const openFile = async (name: string): Promise<void> => {
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').fill(name);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
      await page.locator('.tab.active', { hasText: name }).waitFor();
    };
    await openFile('serve.py');
    await session.runCommand("MLOps Lens: Show Lineage for This File's Model");
    await page.locator('.tab', { hasText: 'Lineage: churn-served@1' }).waitFor({ timeout: 60_000 });
    const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await webview.locator('g.node-root.node-model_version').waitFor({ timeout: 60_000 });
    await session.screenshot('lineage-for-serving-file');

    await openFile('features.py');
    await session.runCommand("MLOps Lens: Show Lineage for This File's Model");
    const message = page.locator('.notification-toast', { hasText: 'No lineage for features.py' });
    await message.waitFor({ timeout: 30_000 });
    assert.match((await message.textContent()) ?? '', /features\.py: it neither trains nor serves/);
  });
});
