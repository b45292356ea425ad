/**
 * In real VS Code (code-server + headless Chromium): "MLOps Lens: Add CI Workflow" writes
 * .github/workflows/mlops-lens.yml for the example project, valid against the GitHub workflow
 * schema, and asks before it overwrites the file: Cancel keeps it, Overwrite replaces it.
 */
import { validateWorkflow } from '@action-validator/core';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { CodeServerSession, missingTools, ROOT } from './code-server-session.ts';

const missing = missingTools();
if (missing) process.stdout.write(`# end-to-end tests skipped: ${missing}\n`);

const COMMAND = 'MLOps Lens: Add CI Workflow';

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Add CI Workflow in code-server', { skip: missing }, () => {
  let session: CodeServerSession;
  let file: string;

  before(async () => {
    session = await CodeServerSession.start(path.join(ROOT, 'examples', 'churn'), {
      'mlopsLens.daemon.autoStart': false,
    });
    file = path.join(session.workspace, '.github', 'workflows', 'mlops-lens.yml');
    // The palette lists the extension's commands once the extension is registered, as its view is.
    await session.page
      .locator('.activitybar .action-label[aria-label="MLOps Lens"]')
      .waitFor({ state: 'attached', timeout: 120_000 });
  });

  after(async () => {
    await session?.stop();
  });

  it('writes the workflow for the example and opens it', async () => {
    assert.equal(existsSync(file), false);
    await session.runCommand(COMMAND);
    await waitFor(() => existsSync(file), 'the workflow file');
    await session.page
      .locator('.tab', { hasText: 'mlops-lens.yml' })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    await session.screenshot('add-ci-workflow');
    const text = readFileSync(file, 'utf8');
    assert.deepEqual(validateWorkflow(text).errors, []);
    const jobs = (parse(text) as { jobs: Record<string, unknown> }).jobs;
    assert.deepEqual(Object.keys(jobs), ['check', 'train-smoke', 'contract', 'scorecard']);
    assert.match(text, /npx --yes mlops-lens@0\.1\.0 scorecard churn@3 --fail-under 80/);
  });

  it('asks before overwriting: Cancel keeps the edited file, Overwrite replaces it', async () => {
    const { page } = session;
    writeFileSync(file, '# edited by hand\n');
    const dialog = page.locator('.monaco-dialog-box');
    await session.runCommand(COMMAND);
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await dialog.textContent()) ?? '', /already exists in workspace\. Overwrite it\?/);
    await session.screenshot('add-ci-workflow-overwrite');
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(readFileSync(file, 'utf8'), '# edited by hand\n');
    await session.runCommand(COMMAND);
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    await dialog.locator('.monaco-button', { hasText: 'Overwrite' }).click();
    await waitFor(() => readFileSync(file, 'utf8').includes('name: MLOps Lens'), 'the rewritten workflow');
    assert.deepEqual(validateWorkflow(readFileSync(file, 'utf8')).errors, []);
  });
});
