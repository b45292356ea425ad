import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildServer, LspSession, ROOT } from './lsp-session.ts';
import { WorkspaceOnDisk } from './workspace-on-disk.ts';

const PAIR = path.join(ROOT, 'test', 'fixtures', 'python', 'rules', 'skew-pair');
const TRAIN = readFileSync(path.join(PAIR, 'train.py'), 'utf8');
const SERVE = readFileSync(path.join(PAIR, 'serve.py'), 'utf8');

function skewCodes(diagnostics: ReadonlyArray<{ code?: number | string }>): string[] {
  return diagnostics.map((d) => String(d.code)).filter((code) => code.startsWith('skew/'));
}

describe('language server over stdio: Python training and serving files', { timeout: 60_000 }, () => {
  let workspace: WorkspaceOnDisk;
  let session: LspSession;

  before(async () => {
    buildServer();
    workspace = new WorkspaceOnDisk({ 'train.py': TRAIN, 'serve.py': SERVE });
    session = await LspSession.start({ workspaceFolder: workspace.root });
  });

  after(async () => {
    await session.stop();
    workspace.remove();
  });

  it('reports skew in an open serving file against the training file on disk', async () => {
    const uri = workspace.uri('serve.py');
    await session.open(uri, SERVE, 'python');
    const codes = skewCodes(await session.diagnosticsForVersion(uri, 1));
    assert.ok(codes.includes('skew/divergent-transform'), codes.join(', '));
  });

  it('re-reports the serving file when an edit to the training file removes the pair', async () => {
    const train = workspace.uri('train.py');
    const serve = workspace.uri('serve.py');
    await session.open(train, TRAIN, 'python');
    await session.diagnosticsForVersion(train, 1);
    const cleared = session.waitForDiagnostics(serve, (p) => skewCodes(p.diagnostics).length === 0);
    const lines = TRAIN.split('\n').length;
    await session.change(train, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
        text: '"""Nothing yet."""\n',
      },
    ]);
    assert.deepEqual(skewCodes((await cleared).diagnostics), []);
  });
});
