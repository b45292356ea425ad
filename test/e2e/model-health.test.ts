/**
 * In real VS Code: the drift dashboard of the version `npm start` seeds (a production day in
 * which the billing export sends monthly_charges as text) shows the data-quality failure with
 * its evidence, the "investigate upstream" recommendation with its reasoning and attribution
 * evidence, and asks the daemon again on Refresh recommendation.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startDaemonProcess } from '../daemon/daemon-process.ts';
import type { SpawnedDaemon } from '../daemon/daemon-process.ts';
import { DEMO_MODEL, seedProductionDay } from '../demo/production-day-demo.ts';
import { CodeServerSession, missingTools, ROOT } from './code-server-session.ts';

const missing = missingTools();
if (missing) process.stdout.write(`# end-to-end tests skipped: ${missing}\n`);

const EXAMPLE = path.join(ROOT, 'examples', 'churn');

async function mlflow<T>(daemon: SpawnedDaemon, route: string, body: unknown): Promise<T> {
  const response = await fetch(`${daemon.url}/api/2.0/mlflow/${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${daemon.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as T;
}

/** A finished churn run, as examples/churn/train.py logs it, then the production day. */
async function seedDay(daemon: SpawnedDaemon): Promise<string> {
  const { experiment_id } = await mlflow<{ experiment_id: string }>(daemon, 'experiments/create', {
    name: DEMO_MODEL,
  });
  const { run } = await mlflow<{ run: { info: { run_id: string } } }>(daemon, 'runs/create', {
    experiment_id,
    start_time: Date.now() - 60_000,
  });
  await mlflow(daemon, 'runs/update', { run_id: run.info.run_id, status: 'FINISHED', end_time: Date.now() });
  const day = await seedProductionDay(daemon.url, daemon.token, EXAMPLE);
  return day.version;
}

describe('model health in the drift dashboard in code-server', { skip: missing }, () => {
  let dataDir: string;
  let daemon: SpawnedDaemon;
  let session: CodeServerSession;
  let version: string;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-e2e-health-'));
    daemon = await startDaemonProcess(dataDir, [], 'bundle');
    version = await seedDay(daemon);
    session = await CodeServerSession.start(EXAMPLE, {}, { MLOPS_LENS_DATA_DIR: dataDir });
  });

  after(async () => {
    await session?.stop();
    daemon?.child.kill('SIGTERM');
    if (daemon) assert.equal(await daemon.exited, 0, daemon.stderr());
    rmSync(dataDir, { recursive: true, force: true });
  });

  const webview = () => session.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

  it('shows the type flip with its evidence and the advice to investigate upstream', async () => {
    const { page } = session;
    await page
      .locator('.statusbar-item:has(.codicon-database)', { hasText: 'MLOps Lens' })
      .first()
      .waitFor({ timeout: 60_000 });
    await session.runCommand('MLOps Lens: Show Drift Dashboard');
    const label = `${DEMO_MODEL} v${version}`;
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab', { hasText: `Drift: ${label}` }).waitFor({ timeout: 30_000 });

    const failure = webview().locator(
      '#quality tbody tr[data-column="monthly_charges"][data-check="type change"]',
    );
    await failure.waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
      await session.screenshot('model-health-failed');
      const text = (id: string) =>
        webview()
          .locator(id)
          .textContent({ timeout: 5_000 })
          .catch(() => '?');
      throw new Error(
        `${String(error)}\nstatus: ${await text('#status')}\nquality: ${await text('#quality-summary')}`,
      );
    });
    const cells = await failure.locator('td').allTextContents();
    assert.equal(cells[0], 'monthly_charges');
    assert.equal(cells[1], 'type change');
    assert.equal(cells[2], '100% of rows');
    assert.equal(cells[3], 'none of the rows (training type number)');
    assert.equal(cells[4], '500 of 500');
    assert.match(cells[5] ?? '', /^"\d+(\.\d+)? EUR"(, "\d+(\.\d+)? EUR"){4}$/);
    assert.match(
      (await webview().locator('#quality-summary').textContent()) ?? '',
      /^\d+ failed of \d+ checks on 500 samples/,
    );

    const action = webview().locator('#recommendation-action');
    assert.equal(await action.getAttribute('data-action'), 'investigate_upstream');
    assert.equal(await action.textContent(), 'Investigate upstream');
    assert.match(
      (await webview().locator('#recommendation-reasoning').textContent()) ?? '',
      /column 'monthly_charges' changed type .*investigate upstream first/,
    );
    const evidence = await webview().locator('#recommendation-evidence li').allTextContents();
    assert.ok(
      evidence.some((line) => line.startsWith('column type changed · monthly_charges: ')),
      evidence.join(' | '),
    );
    // The quality check raised its alert, which the same page lists.
    assert.match((await webview().locator('#alerts').textContent()) ?? '', /quality\/data-check/);
    await session.screenshot('model-health-dashboard');
  });

  it('asks the daemon again on Refresh recommendation', async () => {
    const summary = webview().locator('#recommendation-summary');
    const action = webview().locator('#recommendation-action');
    await webview().locator('#refresh-recommendation').click();
    await action.filter({ hasText: 'Investigate upstream' }).waitFor({ timeout: 60_000 });
    assert.match((await summary.textContent()) ?? '', /^Upstream data change likely/);
    assert.equal(await webview().locator('#refresh-recommendation').getAttribute('disabled'), null);
    await webview().locator('#recommendation').scrollIntoViewIfNeeded();
    await session.screenshot('model-health-recommendation');
  });
});
