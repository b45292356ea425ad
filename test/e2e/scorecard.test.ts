/**
 * In real VS Code: the scorecard of a complete version (every question answered but latency and
 * cost, as nothing serves it in a cluster) and of an incomplete one (each missing check with its
 * action and buttons), opened from the palette and from the Models view's menu. Edit in
 * Terminal puts the fix's command in a terminal; completed there, it tags the version and the
 * panel reloads with the owner answered. The panel comes back after the window reloads.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sendRequest, type RequestOptions } from '../daemon/daemon-harness.ts';
import { startDaemonProcess } from '../daemon/daemon-process.ts';
import type { SpawnedDaemon } from '../daemon/daemon-process.ts';
import { seedScorecardVersions, type ScorecardCalls } from '../daemon/scorecard-scenario.ts';
import { CodeServerSession, missingTools, ROOT } from './code-server-session.ts';

const missing = missingTools();
if (missing) process.stdout.write(`# end-to-end tests skipped: ${missing}\n`);

function callsOf(daemon: SpawnedDaemon): ScorecardCalls {
  const headers = { host: `127.0.0.1:${daemon.port}`, authorization: `Bearer ${daemon.token}` };
  const call = (method: string, urlPath: string, options: RequestOptions = {}) =>
    sendRequest(daemon.port, method, urlPath, { ...options, headers: { ...headers, ...options.headers } });
  return {
    call,
    mlflow: (method, endpoint, payload) =>
      method === 'GET'
        ? call(method, `/api/2.0/mlflow/${endpoint}`, {
            query: Object.fromEntries(Object.entries(payload ?? {}).map(([k, v]) => [k, String(v)])),
          })
        : call(method, `/api/2.0/mlflow/${endpoint}`, { body: payload ?? {} }),
  };
}

describe('scorecard in code-server', { skip: missing }, () => {
  let dataDir: string;
  let daemon: SpawnedDaemon;
  let session: CodeServerSession;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-e2e-scorecard-'));
    daemon = await startDaemonProcess(dataDir, [], 'bundle');
    await seedScorecardVersions(callsOf(daemon));
    session = await CodeServerSession.start(
      path.join(ROOT, 'examples', 'churn'),
      // The DOM renderer keeps the terminal's text in the page, where the test reads it.
      { 'terminal.integrated.gpuAcceleration': 'off' },
      { MLOPS_LENS_DATA_DIR: dataDir },
    );
  });

  after(async () => {
    await session?.stop();
    daemon?.child.kill('SIGTERM');
    if (daemon) assert.equal(await daemon.exited, 0, daemon.stderr());
    rmSync(dataDir, { recursive: true, force: true });
  });

  const webview = () => session.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const answerStatus = (id: string) => webview().locator(`details[data-answer="${id}"] > summary .status`);

  it('shows the complete version: every question answered with its evidence', async () => {
    const { page } = session;
    await page
      .locator('.statusbar-item:has(.codicon-database)', { hasText: 'MLOps Lens' })
      .first()
      .waitFor({ timeout: 60_000 });
    await session.runCommand('MLOps Lens: Show Scorecard');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'churn v2' }).first().waitFor();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'churn v2' }).first().click();
    await page.locator('.tab', { hasText: 'Scorecard: churn v2' }).waitFor({ timeout: 30_000 });
    await webview().locator('details.answer').first().waitFor({ timeout: 60_000 });
    assert.equal(await webview().locator('#score').textContent(), '97/100');
    assert.equal(await webview().locator('#score').getAttribute('class'), 'good');
    assert.match((await webview().locator('#title').textContent()) ?? '', /^churn v2 · @production$/);
    assert.equal(
      await webview().locator('#status').textContent(),
      '5 of 6 questions answered, 1 check missing',
    );
    for (const id of ['provenance', 'promotion', 'artifact', 'validation', 'ownership'])
      assert.equal(await answerStatus(id).textContent(), '✓ answered', id);
    assert.equal(await answerStatus('monitoring').textContent(), '◐ partial');
    const rollback = webview().locator('details[data-answer="artifact"] .check[data-check="rollback path"]');
    assert.match(
      (await rollback.textContent()) ?? '',
      /alias production was on v1: mlops-lens models rollback churn --alias production/,
    );
    const owner = webview().locator('details[data-answer="ownership"] .check[data-check="owner"]');
    assert.match((await owner.textContent()) ?? '', /owner: churn-team/);
    await session.screenshot('scorecard-complete');
  });

  it('shows the incomplete version from the Models view, each gap with its fix', async () => {
    const { page } = session;
    await session.runCommand('MLOps Lens: Focus on Models View');
    const row = (label: string) => page.locator('.monaco-list-row', { hasText: label }).first();
    await row('churn').waitFor({ timeout: 60_000 });
    if ((await row('v1').count()) === 0) await row('churn').click();
    await row('v1').waitFor({ timeout: 30_000 });
    await row('v1').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Show Scorecard' }).hover();
    await page.keyboard.press('Enter');
    await page.locator('.tab', { hasText: 'Scorecard: churn v1' }).waitFor({ timeout: 30_000 });
    await webview()
      .locator('#score')
      .filter({ hasText: /^\d+\/100$/ })
      .waitFor({ timeout: 60_000 });
    const score = Number(((await webview().locator('#score').textContent()) ?? '').split('/')[0]);
    assert.ok(score < 50, `score ${score}`);
    assert.equal(await webview().locator('#score').getAttribute('class'), 'poor');
    assert.equal(await answerStatus('monitoring').textContent(), '✗ missing');
    assert.equal(await answerStatus('ownership').textContent(), '✗ missing');
    assert.equal(await answerStatus('provenance').textContent(), '◐ partial');
    const data = webview().locator('details[data-answer="provenance"] .check[data-check="data"]');
    assert.match((await data.locator('code.snippet').textContent()) ?? '', /^mlflow\.log_input\(/);
    assert.deepEqual(await data.locator('vscode-button').allTextContents(), ['Copy']);
    const owner = webview().locator('details[data-answer="ownership"] .check[data-check="owner"]');
    assert.equal(
      await owner.locator('code.command').textContent(),
      'mlops-lens models tag churn@1 mlops_lens.owner=TEAM',
    );
    assert.deepEqual(await owner.locator('vscode-button').allTextContents(), [
      'Edit in Terminal (TEAM)',
      'Copy',
    ]);
    await session.screenshot('scorecard-incomplete');
  });

  it('completes a fix in the terminal and the panel shows the owner', async () => {
    const { page } = session;
    const owner = webview().locator('details[data-answer="ownership"] .check[data-check="owner"]');
    await owner.locator('vscode-button', { hasText: 'Edit in Terminal' }).click();
    await page
      .locator('.terminal-wrapper.active .xterm-rows', { hasText: 'mlops_lens.owner=TEAM' })
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        await session.screenshot('scorecard-terminal-failed');
        throw error;
      });
    await page.locator('.terminal-wrapper.active .xterm').click();
    for (let i = 0; i < 'TEAM'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('growth-ml');
    await page.keyboard.press('Enter');
    await page
      .locator('.terminal-wrapper.active .xterm-rows', { hasText: 'churn@1: mlops_lens.owner=growth-ml' })
      .waitFor({ timeout: 60_000 });
    await page.locator('.tab', { hasText: 'Scorecard: churn v1' }).click();
    await owner.filter({ hasText: 'owner: growth-ml' }).waitFor({ timeout: 30_000 });
    assert.equal(await owner.getAttribute('class'), 'check found');
    await session.screenshot('scorecard-fix-applied');
    // Its shell would outlive code-server and keep writing into the session's home.
    await session.runCommand('Terminal: Kill All Terminals');
    await page.locator('.terminal-wrapper').first().waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('brings the panel back after the window reloads, with a folded question still folded', async () => {
    const { page } = session;
    await webview().locator('details[data-answer="provenance"] > summary').click();
    assert.equal(await webview().locator('details[data-answer="provenance"]').getAttribute('open'), null);
    await session.runCommand('Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 120_000 });
    await page.locator('.tab', { hasText: 'Scorecard: churn v1' }).waitFor({ timeout: 60_000 });
    await page.locator('.tab', { hasText: 'Scorecard: churn v1' }).click();
    await webview().locator('details.answer').first().waitFor({ timeout: 60_000 });
    assert.equal(await webview().locator('details[data-answer="provenance"]').getAttribute('open'), null);
    assert.equal(await webview().locator('details[data-answer="ownership"]').getAttribute('open'), '');
  });
});
