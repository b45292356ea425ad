/**
 * In real VS Code: Compare Runs on two runs logged through the daemon's MLflow API during the
 * test draws their loss curves with uPlot and marks the param that differs; the comparison and a
 * run's lineage come back after the window reloads.
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

/** A finished run with a 50-step loss curve and the given learning rate. */
async function logRun(daemon: SpawnedDaemon, experimentId: string, name: string, lr: string): Promise<void> {
  const { run } = await mlflow<{ run: { info: { run_id: string } } }>(daemon, 'runs/create', {
    experiment_id: experimentId,
    run_name: name,
    start_time: Date.now(),
  });
  const now = Date.now();
  await mlflow(daemon, 'runs/log-batch', {
    run_id: run.info.run_id,
    metrics: Array.from({ length: 50 }, (_, step) => ({
      key: 'loss',
      value: 1 / (1 + step * Number(lr)),
      timestamp: now + step,
      step,
    })),
    params: [
      { key: 'lr', value: lr },
      { key: 'model', value: 'LogisticRegression' },
    ],
  });
  await mlflow(daemon, 'runs/update', { run_id: run.info.run_id, status: 'FINISHED', end_time: Date.now() });
}

/**
 * A training run that keeps logging a metric until `stop`, as a script running beside the editor
 * does: each batch reaches the Runs view as a live change.
 */
async function keepTraining(daemon: SpawnedDaemon, experimentId: string): Promise<{ stop(): Promise<void> }> {
  const { run } = await mlflow<{ run: { info: { run_id: string } } }>(daemon, 'runs/create', {
    experiment_id: experimentId,
    run_name: 'live-training',
    start_time: Date.now(),
  });
  let step = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      await mlflow(daemon, 'runs/log-metric', {
        run_id: run.info.run_id,
        key: 'loss',
        value: 1 / (1 + step),
        timestamp: Date.now(),
        step: step++,
      });
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** How many times the Runs view's selection is compared while the view refreshes live. */
const ROUNDS = 5;

describe('Compare Runs in code-server', { skip: missing }, () => {
  let dataDir: string;
  let daemon: SpawnedDaemon;
  let session: CodeServerSession;
  let experimentId = '';

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-e2e-compare-'));
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
    // With its workspace folder still watched, the daemon stops cleanly.
    if (daemon) assert.equal(await daemon.exited, 0, daemon.stderr());
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('draws both runs and marks the param that differs', async () => {
    const { page } = session;
    // Connected: the status bar item shows the database icon.
    await page
      .locator('.statusbar-item:has(.codicon-database)', { hasText: 'MLOps Lens' })
      .first()
      .waitFor({ timeout: 60_000 });
    const { experiment_id } = await mlflow<{ experiment_id: string }>(daemon, 'experiments/create', {
      name: 'churn-compare-e2e',
    });
    experimentId = experiment_id;
    await logRun(daemon, experiment_id, 'cmp-fast', '0.5');
    await logRun(daemon, experiment_id, 'cmp-slow', '0.05');
    await session.runCommand('MLOps Lens: Compare Runs');
    const input = page.locator('.quick-input-widget input[placeholder="Pick the runs to compare"]');
    await input.fill('cmp-');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'cmp-slow' }).first().waitFor();
    // In a multi-select pick, clicking a row toggles its check box.
    for (const name of ['cmp-fast', 'cmp-slow'])
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().click();
    await input.press('Enter');

    const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await webview.locator('#chart canvas').waitFor({ timeout: 60_000 });
    const legend = await webview.locator('#chart .u-legend .u-series').allTextContents();
    assert.ok(
      legend.some((l) => l.includes('cmp-fast')) && legend.some((l) => l.includes('cmp-slow')),
      legend.join(' | '),
    );
    const status = (await webview.locator('#status').textContent()) ?? '';
    assert.match(status, /2 runs · loss: 2 curves over 50 steps/);
    const differing = webview.locator('#params tr.differs');
    assert.deepEqual(
      await differing.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.param)),
      ['lr'],
    );
    assert.match((await differing.textContent()) ?? '', /0\.5.*0\.05|0\.05.*0\.5/);
    assert.equal(await webview.locator('#params tr[data-param="model"]:not(.differs)').count(), 1);
    assert.match((await webview.locator('#detail').textContent()) ?? '', /param lr/);
    await session.screenshot('runs-compare-webview');

    // A choice made in the webview survives hiding it (the webview is torn down) and showing it.
    await webview.locator('#only-differing').click();
    await webview.locator('#params tr[data-param="model"]').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('README.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'README.md' }).first().click();
    await page.locator('.tab.active', { hasText: 'README.md' }).waitFor();
    await page.locator('.tab', { hasText: 'Compare 2 Runs' }).click();
    await webview.locator('#chart canvas').waitFor({ timeout: 60_000 });
    await webview.locator('#params tr[data-param="lr"]').waitFor();
    assert.equal(await webview.locator('#params tr[data-param="model"]').count(), 0);
    assert.equal(
      await webview
        .locator('#only-differing')
        .evaluate((box) => (box as HTMLElement & { checked: boolean }).checked),
      true,
    );
  });

  it('compares the runs selected in the Runs view from its context menu while a run logs live', async () => {
    const { page } = session;
    assert.notEqual(experimentId, '', 'the first test logged the runs');
    await session.runCommand('View: Close All Editors');
    await page.locator('.tab', { hasText: 'Compare 2 Runs' }).waitFor({ state: 'detached' });
    await session.runCommand('MLOps Lens: Focus on Runs View');
    const row = (name: string) => page.locator('.monaco-list-row', { hasText: name }).first();
    await row('cmp-slow').waitFor({ timeout: 60_000 });
    // The view refreshes live all along: a run of the same experiment logs a point every 150 ms.
    const training = await keepTraining(daemon, experimentId);
    try {
      await row('live-training').waitFor({ timeout: 20_000 });
      await row('cmp-fast').click();
      await row('cmp-slow').click({ modifiers: ['ControlOrMeta'] });
      // Several times over, so that some of the commands meet a refresh in progress.
      for (let round = 1; round <= ROUNDS; round++) {
        const selected = page.locator('.monaco-list-row.selected', { hasText: /cmp-(fast|slow)/ });
        assert.equal(await selected.count(), 2, `round ${round}: both runs still selected`);
        await row('cmp-slow').click({ button: 'right' });
        // A click right as the menu opens can be taken for the end of the right-click; the
        // keyboard picks the item without that ambiguity.
        await page.getByRole('menuitem', { name: 'Compare Runs' }).hover();
        await page.keyboard.press('Enter');
        await page
          .locator('.tab', { hasText: 'Compare 2 Runs' })
          .waitFor({ timeout: 15_000 })
          .catch(async () => {
            await session.screenshot(`runs-view-selection-round-${round}`);
            const tabs = await page.locator('.tab').allTextContents();
            assert.fail(`round ${round}: the comparison did not get both runs (tabs: ${tabs.join(' | ')})`);
          });
        if (round === ROUNDS) break;
        // Closed from its tab (a middle click): the keyboard focus is inside the webview now.
        await page.locator('.tab', { hasText: 'Compare 2 Runs' }).click({ button: 'middle' });
        await page.locator('.tab', { hasText: 'Compare' }).waitFor({ state: 'detached' });
      }
    } finally {
      await training.stop();
    }
    const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await webview.locator('#chart canvas').waitFor({ timeout: 60_000 });
    assert.match((await webview.locator('#status').textContent()) ?? '', /2 runs · loss: 2 curves/);
    await session.screenshot('runs-view-selection-compare');
  });

  it('brings the runs-compare and lineage panels back after the window reloads', async () => {
    const { page } = session;
    await session.runCommand('MLOps Lens: Show Lineage');
    const input = page.locator('.quick-input-widget input');
    await input.fill('cmp-fast');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'cmp-fast' }).first().click();
    const webview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await webview.locator('g.node-run').first().waitFor({ timeout: 60_000 });
    const lineageTab = page.locator('.tab', { hasText: 'Lineage:' });
    const lineageTitle = ((await lineageTab.first().textContent()) ?? '').trim();

    await session.runCommand('Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 120_000 });
    await lineageTab.first().waitFor({ timeout: 60_000 });
    assert.equal(((await lineageTab.first().textContent()) ?? '').trim(), lineageTitle);
    await lineageTab.first().click();
    await webview.locator('g.node-run').first().waitFor({ timeout: 60_000 });
    const labels = await webview
      .locator('g.node')
      .evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.ok(labels.includes('run cmp-fast'), `restored lineage: ${labels.join(' | ')}`);
    await session.screenshot('lineage-restored');

    await page.locator('.tab', { hasText: 'Compare 2 Runs' }).click();
    await webview.locator('#chart canvas').waitFor({ timeout: 60_000 });
    assert.match((await webview.locator('#status').textContent()) ?? '', /2 runs · loss: 2 curves/);
    await session.screenshot('runs-compare-restored');
  });
});
