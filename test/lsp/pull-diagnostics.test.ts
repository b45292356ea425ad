import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  CodeAction,
  TextEdit,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  DidCloseTextDocumentNotification,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticRequest,
  FileChangeType,
  WorkspaceDiagnosticRequest,
} from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import { CheckWorkspaceRequest } from '../../server/lsp/protocol.ts';
import { ALL_RULES } from '../../server/rules/registry.ts';
import { buildServer, LspSession, PULL_CLIENT } from './lsp-session.ts';
import {
  configWithOnly,
  GPU_KEY_RANGE,
  GPU_WITH_LIMIT,
  GPU_WITHOUT_LIMIT,
  THREE_MISSING_LIMITS,
} from './manifests.ts';
import { WorkspaceOnDisk } from './workspace-on-disk.ts';

const ONLY_LIMITS = configWithOnly(
  ['gpu/limits-missing'],
  ALL_RULES.map((rule) => rule.meta.id),
);
/** Valid rule switches followed by a wrong enum value (line 3+) and an unknown key. */
function brokenConfig(): string {
  const lines = ONLY_LIMITS.trimEnd().split('\n');
  return `${lines.join('\n')}\ncluster:\n  migStrategy: sometimes\ncolour: blue\n`;
}

async function workspacePull(session: LspSession, previous: Array<{ uri: string; value: string }> = []) {
  const report = await session.connection.sendRequest(WorkspaceDiagnosticRequest.type, {
    previousResultIds: previous,
  });
  return new Map(report.items.map((item) => [item.uri, item]));
}

function fullItems(report: WorkspaceDocumentDiagnosticReport | undefined) {
  assert.equal(report?.kind, 'full');
  return report.kind === 'full' ? report.items : [];
}

describe('language server over stdio: pull diagnostics and configuration', { timeout: 60_000 }, () => {
  let workspace: WorkspaceOnDisk;
  let session: LspSession;
  let settings: unknown = {};

  before(async () => {
    buildServer();
    workspace = new WorkspaceOnDisk({
      '.mlops-lens.yaml': brokenConfig(),
      '.gitignore': 'generated/\n',
      'k8s/deploy.yaml': GPU_WITHOUT_LIMIT,
      'k8s/open.yaml': GPU_WITH_LIMIT,
      'k8s/notes.txt': 'not analysed',
      'generated/out.yaml': GPU_WITHOUT_LIMIT,
      'node_modules/chart/deploy.yaml': GPU_WITHOUT_LIMIT,
      'nested/.gitignore': 'local.yaml\n',
      'nested/local.yaml': GPU_WITHOUT_LIMIT,
      'nested/kept.yaml': GPU_WITH_LIMIT,
      // The nearest configuration wins, as in the CLI: this folder demotes the rule.
      'team/.mlops-lens.yaml': ONLY_LIMITS.replace('rules:\n', 'rules:\n  gpu/limits-missing: information\n'),
      'team/deploy.yaml': GPU_WITHOUT_LIMIT,
    });
    session = await LspSession.start({
      workspaceFolder: workspace.root,
      capabilities: PULL_CLIENT,
      settings: () => settings,
    });
  });

  after(async () => {
    await session.stop();
    workspace.remove();
  });

  it('answers textDocument/diagnostic for an open document, then "unchanged" for the same version', async () => {
    const uri = workspace.uri('k8s/open.yaml');
    // The editor holds unsaved text that differs from the file on disk.
    await session.open(uri, GPU_WITHOUT_LIMIT);
    const report = await session.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
    });
    assert.equal(report.kind, 'full');
    assert.deepEqual(
      report.items.map((d) => [d.code, d.range]),
      [['gpu/limits-missing', GPU_KEY_RANGE]],
    );
    const again = await session.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
      previousResultId: report.resultId,
    });
    assert.deepEqual(again, { kind: 'unchanged', resultId: report.resultId });
    assert.equal(session.published.size, 0, 'a pull client gets no pushed diagnostics');
  });

  it('leaves fix-all edits to codeAction/resolve, refusing them once the document changed', async () => {
    const uri = workspace.uri('scratch/pods.yaml');
    await session.open(uri, THREE_MISSING_LIMITS);
    const report = await session.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
    });
    assert.equal(report.kind, 'full');
    const diagnostics = report.kind === 'full' ? report.items : [];
    const actions = (await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0]!.range,
      context: { diagnostics: diagnostics.slice(0, 1) },
    })) as CodeAction[];
    const fixAll = actions.find((a) => a.title === 'Fix all gpu/limits-missing problems in this file');
    assert.ok(fixAll && fixAll.edit === undefined, 'offered without its edit');
    const resolved = await session.connection.sendRequest(CodeActionResolveRequest.type, fixAll);
    const change = resolved.edit?.documentChanges?.[0];
    assert.ok(change && 'edits' in change);
    const fixed = applyEdits(THREE_MISSING_LIMITS, change.edits as TextEdit[]).text;
    assert.equal((fixed.match(/limits:/g) ?? []).length, 3);
    await session.change(uri, [{ text: fixed }]);
    const after = await session.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
    });
    assert.deepEqual(after.kind === 'full' ? after.items : undefined, []);
    const stale = await session.connection.sendRequest(CodeActionResolveRequest.type, fixAll);
    assert.equal(stale.edit, undefined, 'the action was for version 1');
    await session.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri },
    });
  });

  it('reports the workspace from disk, honouring .gitignore files and skipping node_modules', async () => {
    const items = await workspacePull(session);
    assert.deepEqual(
      [...items.keys()].sort(),
      [
        '.mlops-lens.yaml',
        'k8s/deploy.yaml',
        'k8s/open.yaml',
        'nested/kept.yaml',
        'team/.mlops-lens.yaml',
        'team/deploy.yaml',
      ]
        .map((p) => workspace.uri(p))
        .sort(),
    );
    const onDisk = items.get(workspace.uri('k8s/deploy.yaml'));
    assert.equal(onDisk?.version, null);
    assert.deepEqual(
      fullItems(onDisk).map((d) => [d.code, d.range, d.severity]),
      [['gpu/limits-missing', GPU_KEY_RANGE, 1]],
    );
    const open = items.get(workspace.uri('k8s/open.yaml'));
    assert.equal(open?.version, 1, 'an open document is reported from the editor, with its version');
    assert.equal(fullItems(open).length, 1);
    assert.deepEqual(fullItems(items.get(workspace.uri('nested/kept.yaml'))), []);
    assert.deepEqual(
      fullItems(items.get(workspace.uri('team/deploy.yaml'))).map((d) => [d.code, d.severity]),
      [['gpu/limits-missing', 3]],
      'the nearest .mlops-lens.yaml applies',
    );
  });

  it('offers the fixes of a workspace-reported diagnostic once its file is open', async () => {
    const uri = workspace.uri('k8s/deploy.yaml');
    const [fromDisk] = fullItems((await workspacePull(session)).get(uri));
    assert.equal((fromDisk?.data as { version: unknown } | undefined)?.version, null);
    await session.open(uri, GPU_WITHOUT_LIMIT);
    const actions = (await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: fromDisk!.range,
      context: { diagnostics: [fromDisk!] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Add nvidia.com/gpu: 1 to limits', 'Ignore gpu/limits-missing on this line'],
    );
    const moved = {
      ...fromDisk!,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
    };
    const none = await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: moved.range,
      context: { diagnostics: [moved] },
    });
    assert.deepEqual(none, [], 'no finding of the open text at that place');
    await session.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri },
    });
  });

  it('reports a broken .mlops-lens.yaml at the exact places', async () => {
    const items = await workspacePull(session);
    const line = ONLY_LIMITS.trimEnd().split('\n').length;
    const problems = fullItems(items.get(workspace.uri('.mlops-lens.yaml')));
    assert.deepEqual(
      problems
        .map((d) => [d.code, d.severity, d.range])
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      [
        [
          'config-error',
          1,
          { start: { line: line + 1, character: 15 }, end: { line: line + 1, character: 24 } },
        ],
        [
          'config-error',
          1,
          { start: { line: line + 2, character: 0 }, end: { line: line + 2, character: 6 } },
        ],
      ],
    );
  });

  it('holds a pull with nothing new until a file changes, then reports only what changed', async () => {
    const first = await workspacePull(session);
    const previous = [...first.values()].map((item) => ({ uri: item.uri, value: item.resultId ?? '' }));
    let answered = false;
    const held = workspacePull(session, previous).then((items) => {
      answered = true;
      return items;
    });
    // A checkWorkspace round trip walks the same files after the held pull's first walk began,
    // so when it returns the pull has found nothing new and is waiting.
    await session.connection.sendRequest(CheckWorkspaceRequest, {});
    assert.equal(answered, false, 'held while nothing changed');
    workspace.write('k8s/new.yaml', GPU_WITHOUT_LIMIT);
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: workspace.uri('k8s/new.yaml'), type: FileChangeType.Created }],
    });
    const second = await held;
    assert.deepEqual(
      [...second].filter(([, item]) => item.kind === 'full').map(([uri]) => uri),
      [workspace.uri('k8s/new.yaml')],
    );
    assert.equal(second.size, first.size + 1);
    // Deleting it clears its diagnostics with an empty report.
    workspace.remove('k8s/new.yaml');
    const afterDelete = await workspacePull(
      session,
      [...second.values()].map((item) => ({ uri: item.uri, value: item.resultId ?? '' })),
    );
    const removed = afterDelete.get(workspace.uri('k8s/new.yaml'));
    assert.deepEqual(removed?.kind === 'full' ? removed.items : undefined, []);
  });

  it('reloads .mlops-lens.yaml when it changes on disk and asks the client to pull again', async () => {
    workspace.write(
      '.mlops-lens.yaml',
      ONLY_LIMITS.replace('rules:\n', 'rules:\n  gpu/limits-missing: warning\n'),
    );
    const refreshed = session.nextRefresh();
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: workspace.uri('.mlops-lens.yaml'), type: FileChangeType.Changed }],
    });
    await refreshed;
    const items = await workspacePull(session);
    assert.deepEqual(fullItems(items.get(workspace.uri('.mlops-lens.yaml'))), []);
    assert.deepEqual(
      fullItems(items.get(workspace.uri('k8s/deploy.yaml'))).map((d) => [d.code, d.severity]),
      [['gpu/limits-missing', 2]],
    );
  });

  it('counts problems per severity with mlopsLens/checkWorkspace', async () => {
    const result = await session.connection.sendRequest(CheckWorkspaceRequest, {});
    assert.deepEqual(result, { files: 6, counts: { error: 0, warning: 2, information: 1 }, failed: 0 });
  });

  it('turns diagnostics off when the mlopsLens settings say so', async () => {
    settings = { enable: false };
    const refreshed = session.nextRefresh();
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    await refreshed;
    const uri = workspace.uri('k8s/open.yaml');
    const report = await session.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
    });
    assert.deepEqual(report, { kind: 'full', items: [] });
    assert.deepEqual((await workspacePull(session)).size, 0);
    settings = { enable: true };
  });
});
