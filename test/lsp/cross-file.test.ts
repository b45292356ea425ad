import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol/node';
import {
  CodeActionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
} from 'vscode-languageserver-protocol/node';
import { ALL_RULES } from '../../server/rules/registry.ts';
import { buildServer, LspSession } from './lsp-session.ts';
import { configWithOnly } from './manifests.ts';
import { WorkspaceOnDisk } from './workspace-on-disk.ts';

const RULE = 'repro/unpinned-requirements';

async function fixTitles(session: LspSession, uri: string, version: number): Promise<string[]> {
  const diagnostics = (await session.diagnosticsForVersion(uri, version)).filter((d) => d.code === RULE);
  assert.equal(diagnostics.length, 1);
  const actions = (await session.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostics[0]!.range,
    context: { diagnostics },
  })) as CodeAction[];
  return actions.map((action) => action.title);
}

describe('language server over stdio: rules that read other files', { timeout: 60_000 }, () => {
  let workspace: WorkspaceOnDisk;
  let session: LspSession;

  before(async () => {
    buildServer();
    workspace = new WorkspaceOnDisk({
      '.mlops-lens.yaml': configWithOnly(
        [RULE],
        ALL_RULES.map((rule) => rule.meta.id),
      ),
      'requirements.lock': 'pandas==2.2.2\n',
    });
    session = await LspSession.start({ workspaceFolder: workspace.root });
  });

  after(async () => {
    await session.stop();
    workspace.remove();
  });

  it('reads the lockfile beside an open requirements file for the fix', async () => {
    const uri = workspace.uri('requirements.txt');
    await session.open(uri, 'pandas>=1.5\n', 'pip-requirements');
    assert.ok((await fixTitles(session, uri, 1)).includes('Pin pandas to 2.2.2 (from requirements.lock)'));
  });

  it('re-analyses the open file when the lockfile changes on disk', async () => {
    const uri = workspace.uri('requirements.txt');
    workspace.write('requirements.lock', 'pandas==2.2.3\n');
    const pushes = (): number => session.publishHistory.filter((p) => p.uri === uri).length;
    const before = pushes();
    const republished = session.waitForDiagnostics(uri, () => pushes() > before);
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: workspace.uri('requirements.lock'), type: FileChangeType.Changed }],
    });
    await republished;
    assert.ok((await fixTitles(session, uri, 1)).includes('Pin pandas to 2.2.3 (from requirements.lock)'));
  });
});
