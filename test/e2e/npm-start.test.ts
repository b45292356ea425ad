/**
 * What a user sees from `npm start`: scripts/start.mjs itself runs (the example checked, the
 * daemon started, the example trained with python3, the production day and the two scorecard
 * versions seeded, the extension packaged into code-server), and the browser opens the URL it
 * prints. The drift dashboard of the production day's version shows the data-quality failure
 * with its evidence and the retraining recommendation with its reasoning; the scorecards of the
 * complete and the incomplete version show the scores the CLI printed and a missing check with
 * its action. SIGTERM to start.mjs stops it and everything it started.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  missingTools,
  openWorkbench,
  ROOT,
  runPaletteCommand,
  saveScreenshot,
} from './code-server-session.ts';
import { freeLoopbackPort } from '../loopback-port.ts';

function missingPython(): string | undefined {
  const found = ['/usr/bin/python3', 'python3'].some(
    (python) => spawnSync(python, ['-c', 'import sklearn, pandas, joblib'], { stdio: 'ignore' }).status === 0,
  );
  return found
    ? undefined
    : 'no python3 with scikit-learn, pandas and joblib (apt-get install python3-sklearn)';
}

const missing = missingTools() ?? missingPython();
if (missing) process.stdout.write(`# npm start end-to-end test skipped: ${missing}\n`);

/** Whether any process of the process group `pgid` is still alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function match(output: string, pattern: RegExp, what: string): string {
  const found = pattern.exec(output)?.[1];
  assert.ok(found !== undefined, `npm start printed no ${what}:\n${output.slice(-3000)}`);
  return found;
}

describe('npm start in the browser', { skip: missing }, () => {
  let state: string;
  let start: ChildProcess;
  let output = '';
  let browser: Browser | undefined;
  let page: Page;
  let dayVersion: string;
  let complete: string;
  let incomplete: string;

  before(async () => {
    state = mkdtempSync(path.join(tmpdir(), 'mlops-lens-e2e-start-'));
    const port = await freeLoopbackPort();
    // Its own process group, so that whatever it leaves behind can be found and stopped.
    start = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--browser'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), MLOPS_LENS_START_DIR: state },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no Open URL in 8 min:\n${output.slice(-3000)}`)),
        480_000,
      );
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const open = /^Open (http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m.exec(output);
        // The URL comes first; the hints after it in the same write.
        if (open?.[1] && output.includes('Press Ctrl-C to stop.')) {
          clearTimeout(timer);
          resolve(open[1]);
        }
      };
      start.stdout?.on('data', onData);
      start.stderr?.on('data', onData);
      start.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`start.mjs exited (${code}):\n${output.slice(-3000)}`));
      });
    });
    assert.ok(url.startsWith(`http://127.0.0.1:${port}/?folder=`), url);
    dayVersion = match(output, /Show Drift Dashboard" and pick churn v(\d+)/, 'drift dashboard hint');
    [, complete = '', incomplete = ''] =
      /Show Scorecard" .* on churn v(\d+) \(its team's metadata recorded\) and v(\d+)/.exec(output) ?? [];
    assert.ok(complete && incomplete, `npm start printed no scorecard hint:\n${output.slice(-3000)}`);
    const folder = new URL(url).searchParams.get('folder') ?? '';
    assert.equal(folder, path.join(ROOT, 'examples', 'churn'));
    ({ browser, page } = await openWorkbench(url.slice(0, url.indexOf('/?')), folder));
  });

  after(async () => {
    await browser?.close();
    if (!start?.pid) return;
    const pgid = start.pid;
    const exited = new Promise((resolve) =>
      start.exitCode === null ? start.once('exit', resolve) : resolve(0),
    );
    start.kill('SIGTERM');
    await exited;
    // start.mjs passes SIGTERM on to the daemon and code-server; all of them end.
    for (let i = 0; i < 150 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 100));
    const leftOver = groupAlive(pgid);
    if (leftOver) process.kill(-pgid, 'SIGKILL');
    rmSync(state, { recursive: true, force: true });
    assert.equal(leftOver, false, 'processes started by npm start outlived its SIGTERM by 15 s');
  });

  const webview = () => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

  it('printed the recommendation and both scorecards before opening the editor', () => {
    assert.match(output, new RegExp(`churn@${dayVersion}: INVESTIGATE UPSTREAM`));
    assert.match(
      output,
      /column 'monthly_charges' changed type \(training type number; 500 of 500 rows differ\)/,
    );
    for (const version of [complete, incomplete])
      match(output, new RegExp(`^churn@${version}  score (\\d+)/100`, 'm'), `score of v${version}`);
  });

  it('shows the production day in the drift dashboard: the data-quality failure and the recommendation', async () => {
    await page
      .locator('.statusbar-item:has(.codicon-database)', { hasText: 'MLOps Lens' })
      .first()
      .waitFor({ timeout: 90_000 });
    await runPaletteCommand(page, 'MLOps Lens: Show Drift Dashboard');
    const label = `churn v${dayVersion}`;
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab', { hasText: `Drift: ${label}` }).waitFor({ timeout: 30_000 });
    const failure = webview().locator(
      '#quality tbody tr[data-column="monthly_charges"][data-check="type change"]',
    );
    await failure.waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
      await saveScreenshot(page, 'npm-start-dashboard-failed');
      throw error;
    });
    const cells = await failure.locator('td').allTextContents();
    assert.deepEqual(cells.slice(0, 5), [
      'monthly_charges',
      'type change',
      '100% of rows',
      'none of the rows (training type number)',
      '500 of 500',
    ]);
    assert.match(cells[5] ?? '', /^"\d+(\.\d+)? EUR"/);
    assert.match(
      (await webview().locator('#quality-summary').textContent()) ?? '',
      /failed of \d+ checks on 500 samples/,
    );
    assert.equal(await webview().locator('#recommendation-action').textContent(), 'Investigate upstream');
    assert.match(
      (await webview().locator('#recommendation-reasoning').textContent()) ?? '',
      /column 'monthly_charges' changed type .*investigate upstream first/,
    );
    await saveScreenshot(page, 'npm-start-dashboard');
  });

  async function openScorecard(version: string): Promise<void> {
    await runPaletteCommand(page, 'MLOps Lens: Show Scorecard');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: `churn v${version}` }).first();
    await row.waitFor();
    await row.click();
    await page.locator('.tab', { hasText: `Scorecard: churn v${version}` }).waitFor({ timeout: 30_000 });
    const printed = match(output, new RegExp(`^churn@${version}  score (\\d+)/100`, 'm'), 'score');
    // The panel shows the score the CLI printed.
    await webview()
      .locator('#score', { hasText: `${printed}/100` })
      .waitFor({ timeout: 60_000 });
  }

  const answerStatus = (id: string) => webview().locator(`details[data-answer="${id}"] > summary .status`);

  it("shows the trained version's scorecard with its team's accountability answered", async () => {
    await openScorecard(complete);
    assert.equal(await answerStatus('ownership').textContent(), '✓ answered');
    const owner = webview().locator('details[data-answer="ownership"] .check[data-check="owner"]');
    assert.match((await owner.textContent()) ?? '', /owner: churn-ml/);
    await runPaletteCommand(page, 'Notifications: Clear All Notifications');
    await webview().locator('details[data-answer="ownership"]').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'npm-start-scorecard');
  });

  it('shows the hand-registered version with each missing check and its action', async () => {
    await openScorecard(incomplete);
    assert.equal(await webview().locator('#score').getAttribute('class'), 'poor');
    assert.equal(await answerStatus('ownership').textContent(), '✗ missing');
    assert.equal(await answerStatus('monitoring').textContent(), '✗ missing');
    const owner = webview().locator('details[data-answer="ownership"] .check[data-check="owner"]');
    assert.equal(
      await owner.locator('code.command').textContent(),
      `mlops-lens models tag churn@${incomplete} mlops_lens.owner=TEAM`,
    );
    assert.deepEqual(await owner.locator('vscode-button').allTextContents(), [
      'Edit in Terminal (TEAM)',
      'Copy',
    ]);
    await webview().locator('details[data-answer="ownership"]').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'npm-start-scorecard-incomplete');
  });
});
