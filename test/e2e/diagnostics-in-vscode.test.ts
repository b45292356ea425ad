/**
 * In real VS Code (code-server + headless Chromium): the installed extension shows the
 * analyzer's diagnostics in the Problems panel, and a quick-fix applied from the editor changes
 * the file on disk.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeServerSession, missingTools, ROOT } from './code-server-session.ts';

const missing = missingTools();
if (missing) process.stdout.write(`# end-to-end tests skipped: ${missing}\n`);

describe('the extension in code-server', { skip: missing }, () => {
  let session: CodeServerSession;

  before(async () => {
    session = await CodeServerSession.start(path.join(ROOT, 'examples', 'churn'));
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
});
