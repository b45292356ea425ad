/**
 * In real VS Code (code-server + headless Chromium): a Jupyter notebook opened in the notebook
 * editor is synced to the language server cell by cell, and a finding that needs two cells (a
 * scaler fitted in one, the data split in the next) shows in the Problems panel and as a
 * squiggle in the cell.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeServerSession, missingTools, ROOT } from './code-server-session.ts';

const missing = missingTools();
if (missing) process.stdout.write(`# end-to-end tests skipped: ${missing}\n`);

const CELLS = [
  'import pandas as pd\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\ndf = pd.read_csv("data/churn.csv")\nNUMERIC = ["tenure_months", "monthly_charges"]',
  'scaler = StandardScaler().fit(df[NUMERIC])',
  'X_train, X_test = train_test_split(df[NUMERIC], test_size=0.2, random_state=0)',
];

const NOTEBOOK = JSON.stringify(
  {
    cells: CELLS.map((source) => ({
      cell_type: 'code',
      metadata: {},
      source,
      outputs: [],
      execution_count: null,
    })),
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
);

describe('a notebook in code-server', { skip: missing }, () => {
  let session: CodeServerSession;
  let project: string;

  before(async () => {
    project = mkdtempSync(path.join(tmpdir(), 'mlops-lens-notebook-'));
    cpSync(path.join(ROOT, 'examples', 'churn'), project, { recursive: true });
    writeFileSync(path.join(project, 'explore.ipynb'), NOTEBOOK);
    session = await CodeServerSession.start(project, { 'mlopsLens.daemon.autoStart': false });
  });

  after(async () => {
    await session?.stop();
    rmSync(project, { recursive: true, force: true });
  });

  it('shows a finding across cells on the cell that holds it', async () => {
    const { page } = session;
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('explore.ipynb');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'explore.ipynb' }).first().click();
    await page.locator('.notebook-editor .cell-editor-container').first().waitFor({ timeout: 60_000 });
    const rows = await session.problems(1, 'repro/fit-before-split');
    await session.screenshot('notebook-problems');
    assert.ok(
      rows.some((row) => row.includes('StandardScaler is fitted on df[NUMERIC]')),
      `no fit-before-split row in Problems: ${rows.join(' | ')}`,
    );
    const squiggle = page.locator('.notebook-editor .cell-editor-container .squiggly-warning').first();
    await squiggle.waitFor({ state: 'attached', timeout: 60_000 });
    await session.screenshot('notebook-cell-diagnostic');
    // Once on the cell: the workspace report of the open notebook's .ipynb file does not repeat it.
    const again = await session.problems(1, 'repro/fit-before-split');
    assert.equal(
      again.filter((row) => row.includes('StandardScaler is fitted')).length,
      1,
      again.join(' | '),
    );
  });
});
