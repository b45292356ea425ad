/**
 * In real VS Code: the walkthrough lists its steps, and a step completes when its view opens or
 * its command runs (completion events), without a daemon.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CodeServerSession, missingTools, ROOT } from './code-server-session.ts';

const missing = missingTools();
if (missing) process.stdout.write(`# end-to-end tests skipped: ${missing}\n`);

describe('the walkthrough in code-server', { skip: missing }, () => {
  it('lists its steps, and steps complete when their view opens or their command runs', async () => {
    // Its own data directory with no daemon: the steps must not depend on one.
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-e2e-walkthrough-'));
    const session = await CodeServerSession.start(
      path.join(ROOT, 'examples', 'churn'),
      {},
      { MLOPS_LENS_DATA_DIR: dataDir },
    );
    try {
      const { page } = session;
      await page.locator('.statusbar-item', { hasText: 'MLOps Lens' }).first().waitFor({ timeout: 60_000 });
      await session.runCommand('Welcome: Open Walkthrough...');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with MLOps Lens' })
        .first()
        .click();
      const steps = page.locator('.getting-started-step');
      await steps.filter({ hasText: 'Start the daemon' }).first().waitFor({ timeout: 30_000 });
      const titles = await steps.allTextContents();
      for (const title of ['Open the MLOps Lens views', 'Train the example', 'Apply the quick-fix'])
        assert.ok(
          titles.some((t) => t.includes(title)),
          `step "${title}" missing: ${titles.join(' | ')}`,
        );
      const step = (id: string) => page.locator(`.getting-started-step[data-step-id$="#${id}"]`);
      assert.equal(await step('openViews').getAttribute('aria-checked'), 'false');
      assert.equal(await step('copyTrackingSetup').getAttribute('aria-checked'), 'false');
      // The steps' own buttons: a view to open (onView:…), a command to run (onCommand:…).
      await page.getByText('Open the Runs View', { exact: true }).click();
      await steps.filter({ hasText: 'Copy the tracking setup' }).first().click();
      await page.getByText('Copy Tracking Setup', { exact: true }).click();
      await page.locator('.getting-started-step[data-step-id$="#openViews"][aria-checked="true"]').waitFor();
      await page
        .locator('.getting-started-step[data-step-id$="#copyTrackingSetup"][aria-checked="true"]')
        .waitFor();
      assert.equal(await step('applyQuickFix').getAttribute('aria-checked'), 'false');
      await session.screenshot('walkthrough');
    } finally {
      await session.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
