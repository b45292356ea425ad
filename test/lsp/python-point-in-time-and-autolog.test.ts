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
const CASES = [
  { rule: 'skew/point-in-time-join', file: 'skew-point-in-time-join/positive.py' },
  { rule: 'repro/autolog-volume', file: 'repro-autolog-volume/positive.py' },
];

function markedLines(text: string, rule: string): number[] {
  return text.split('\n').flatMap((line, index) => (line.includes(`# expect: ${rule}`) ? [index] : []));
}

function linesOf(diagnostics: readonly Diagnostic[], rule: string): number[] {
  return diagnostics.filter((d) => d.code === rule).map((d) => d.range.start.line);
}

describe('language server over stdio: point-in-time joins and autolog volume', { timeout: 60_000 }, () => {
  let workspace: WorkspaceOnDisk;
  let session: LspSession;

  before(async () => {
    buildServer();
    workspace = new WorkspaceOnDisk(
      Object.fromEntries(
        CASES.map(({ file }) => [
          path.basename(path.dirname(file)) + '.py',
          readFileSync(path.join(RULES, file), 'utf8'),
        ]),
      ),
    );
    session = await LspSession.start({ workspaceFolder: workspace.root });
  });

  after(async () => {
    await session.stop();
    workspace.remove();
  });

  it('reports both rules in a notebook at their place in the .ipynb JSON', async () => {
    const notebooks = [
      ['pit-notebook-merge/features.ipynb', 'skew/point-in-time-join', 31],
      ['autolog-volume-notebook/tune.ipynb', 'repro/autolog-volume', 20],
    ] as const;
    for (const [file, rule, line] of notebooks) {
      const text = readFileSync(path.join(ROOT, 'test', 'fixtures', 'eval', file), 'utf8');
      const uri = workspace.uri(path.basename(file));
      await session.open(uri, text, 'json');
      const diagnostics = await session.diagnosticsForVersion(uri, 1);
      assert.deepEqual(linesOf(diagnostics, rule), [line], file);
    }
  });

  for (const { rule, file } of CASES)
    it(`${rule}: diagnostics on the marked lines, and its quick-fix clears the first`, async () => {
      const text = readFileSync(path.join(RULES, file), 'utf8');
      const uri = workspace.uri(path.basename(path.dirname(file)) + '.py');
      await session.open(uri, text, 'python');
      const diagnostics = await session.diagnosticsForVersion(uri, 1);
      assert.deepEqual(linesOf(diagnostics, rule), markedLines(text, rule));
      const first = diagnostics.find((d) => d.code === rule) ?? assert.fail('no diagnostic');
      assert.match(String(first.codeDescription?.href), new RegExp(`docs/rules/${rule}\\.md$`));
      const { edits, after } = await applyQuickFix(session, uri, first, rule);
      assert.equal(
        linesOf(after, rule).length,
        markedLines(text, rule).length - 1,
        applyEdits(text, edits).text,
      );
    });
});
