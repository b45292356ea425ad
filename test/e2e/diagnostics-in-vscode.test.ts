/**
 * In real VS Code (code-server + headless Chromium): the installed extension shows the
 * analyzer's diagnostics in the Problems panel, and a quick-fix applied from the editor changes
 * the file on disk.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readDiscovery } from '../../daemon/process/daemon-files.ts';
import { CodeServerSession, missingTools, ROOT } from './code-server-session.ts';

const missing = missingTools();
if (missing) process.stdout.write(`# end-to-end tests skipped: ${missing}\n`);

describe('the extension in code-server', { skip: missing }, () => {
  let session: CodeServerSession;

  before(async () => {
    // The daemon needs Node 22 or newer: point the extension at the Node running the tests.
    session = await CodeServerSession.start(path.join(ROOT, 'examples', 'churn'), {
      'mlopsLens.daemon.nodePath': process.execPath,
    });
  });

  after(async () => {
    await session?.stop();
  });

  it('lists manifest diagnostics of files that are not open in the Problems panel', async () => {
    await session.problems(10);
    await session.screenshot('problems-panel');
    for (const ruleId of ['gpu/whole-device-request', 'gpu/limits-missing', 'serve/mutable-image']) {
      const rows = await session.problems(2, ruleId);
      assert.ok(
        rows.some((row) => row.includes(ruleId) && /Ln \d+, Col \d+/.test(row)),
        `no ${ruleId} row in Problems: ${rows.join(' | ')}`,
      );
    }
  });

  it('applies a quick-fix from the editor and the file changes on disk', async () => {
    const { page } = session;
    const file = path.join(session.workspace, 'k8s', 'serving.yaml');
    assert.doesNotMatch(readFileSync(file, 'utf8'), /limits:\n\s+cpu: "2"\n\s+nvidia\.com\/gpu: 1/);
    // Open the file at the finding by clicking its row in the Problems panel.
    await session.problems(2, 'gpu/limits-missing');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'Kubernetes rejects' }).first().click();
    // Put the editor's cursor on the squiggle, then ask the editor (not the panel) for its fixes.
    const squiggle = page.locator('.monaco-editor .squiggly-error').first();
    await squiggle.waitFor({ state: 'attached', timeout: 60_000 });
    const box = await squiggle.boundingBox();
    assert.ok(box, 'the error squiggle is not on screen');
    const fix = page.locator('.actionList .monaco-list-row', { hasText: 'to limits' }).first();
    // The editor computes code actions asynchronously: ask again until the menu lists the fix.
    for (let attempt = 0; attempt < 5 && !(await fix.isVisible()); attempt++) {
      await page.keyboard.press('Escape');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.keyboard.press('Control+.');
      await fix.waitFor({ state: 'visible', timeout: 6_000 }).catch(() => undefined);
    }
    await session.screenshot('quick-fix-menu');
    await fix.click();
    await page.keyboard.press('Control+S');
    const deadline = Date.now() + 30_000;
    let text = readFileSync(file, 'utf8');
    while (!/limits:\n\s+cpu: "2"\n\s+nvidia\.com\/gpu: 1/.test(text) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      text = readFileSync(file, 'utf8');
    }
    await session.screenshot('after-quick-fix');
    assert.match(text, /limits:\n\s+cpu: "2"\n\s+nvidia\.com\/gpu: 1/);
  });

  it('starts the daemon by itself in a trusted workspace and shows it in the status bar', async () => {
    const { page } = session;
    const deadline = Date.now() + 60_000;
    while (!readDiscovery(session.defaultDataDir) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    const discovery = readDiscovery(session.defaultDataDir);
    assert.ok(discovery, 'the extension started a daemon (its discovery file appeared)');
    assert.match(discovery.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const item = page.locator('.statusbar-item', { hasText: 'MLOps Lens' }).first();
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.statusbar-item')].some(
          (e) => /MLOps Lens/.test(e.textContent ?? '') && !/no daemon/.test(e.textContent ?? ''),
        ),
      undefined,
      { timeout: 30_000 },
    );
    assert.doesNotMatch((await item.textContent()) ?? '', /no daemon/);
  });
});
