/** The A/B rules through the language server: Python files, an experiment config and a notebook. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import { buildServer, LspSession, ROOT } from './lsp-session.ts';
import { applyQuickFix } from './quick-fix-roundtrip.ts';
import { WorkspaceOnDisk } from './workspace-on-disk.ts';

const RULES = path.join(ROOT, 'test', 'fixtures', 'python', 'rules');
/** Each fixture under the name it gets in the workspace, with its language id. */
const CASES = [
  { rule: 'ab/per-request-assignment', fixture: 'ab-per-request-assignment/positive.py', as: 'router.py' },
  { rule: 'ab/session-assignment', fixture: 'ab-session-assignment/positive.py', as: 'ranker.py' },
  { rule: 'ab/no-sample-size', fixture: 'ab-no-sample-size/positive.py', as: 'simulate.py' },
  { rule: 'ab/no-sample-size', fixture: 'ab-no-sample-size/ab_test.yaml', as: 'ab_test.yaml' },
];
const NOTEBOOK = 'ab-per-request-assignment/serving.ipynb';

const read = (relative: string): string => readFileSync(path.join(RULES, relative), 'utf8');

function marked(text: string, rule: string): number[] {
  return text.split('\n').flatMap((line, index) => (line.includes(`# expect: ${rule}`) ? [index] : []));
}

function reported(diagnostics: readonly Diagnostic[], rule: string): number[] {
  return diagnostics.filter((d) => d.code === rule).map((d) => d.range.start.line);
}

describe('language server over stdio: A/B rules', { timeout: 60_000 }, () => {
  let workspace: WorkspaceOnDisk;
  let session: LspSession;

  before(async () => {
    buildServer();
    workspace = new WorkspaceOnDisk({
      ...Object.fromEntries(CASES.map((c) => [c.as, read(c.fixture)])),
      'serving.ipynb': read(NOTEBOOK),
    });
    session = await LspSession.start({ workspaceFolder: workspace.root });
  });

  after(async () => {
    await session.stop();
    workspace.remove();
  });

  for (const { rule, fixture, as } of CASES)
    it(`${rule} in ${as}: diagnostics on the marked lines, and its quick-fix clears the first`, async () => {
      const text = read(fixture);
      const uri = workspace.uri(as);
      await session.open(uri, text, as.endsWith('.py') ? 'python' : 'yaml');
      const diagnostics = await session.diagnosticsForVersion(uri, 1);
      assert.deepEqual(reported(diagnostics, rule), marked(text, rule));
      const first = diagnostics.find((d) => d.code === rule) ?? assert.fail('no diagnostic');
      assert.match(String(first.codeDescription?.href), new RegExp(`docs/rules/${rule}\\.md$`));
      const { edits, after } = await applyQuickFix(session, uri, first, rule);
      assert.equal(reported(after, rule).length, marked(text, rule).length - 1, applyEdits(text, edits).text);
    });

  it('reports in an open notebook at the cell lines inside the .ipynb JSON', async () => {
    const text = read(NOTEBOOK);
    const uri = workspace.uri('serving.ipynb');
    await session.open(uri, text, 'json');
    const diagnostics = await session.diagnosticsForVersion(uri, 1);
    const lines = text.split('\n');
    for (const rule of ['ab/per-request-assignment', 'ab/session-assignment']) {
      const found = diagnostics.filter((d) => d.code === rule);
      assert.equal(found.length, 1, `${rule}: ${JSON.stringify(diagnostics.map((d) => d.code))}`);
      assert.match(lines[found[0]?.range.start.line ?? -1] ?? '', new RegExp(`expect: ${rule}`));
    }
  });
});
