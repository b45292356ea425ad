import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import { CodeActionRequest } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import { ALL_RULES } from '../../server/rules/registry.ts';
import { buildServer, LspSession } from './lsp-session.ts';
import {
  configWithOnly,
  GPU_KEY_RANGE,
  GPU_WITH_LIMIT,
  GPU_WITHOUT_LIMIT,
  THREE_MISSING_LIMITS,
} from './manifests.ts';
import { WorkspaceOnDisk } from './workspace-on-disk.ts';

function editsFor(action: CodeAction, uri: string): TextEdit[] {
  const changes = action.edit?.documentChanges ?? [];
  return changes.flatMap((change) =>
    'textDocument' in change && change.textDocument.uri === uri ? change.edits : [],
  ) as TextEdit[];
}

async function actionsFor(session: LspSession, uri: string, diagnostics: Diagnostic[], only?: string[]) {
  const first = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const result = await session.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: first,
    context: { diagnostics, ...(only ? { only } : {}) },
  });
  return (result ?? []).filter((item): item is CodeAction => 'kind' in item || 'edit' in item);
}

/** Applies an action's edit the way a client does: to the text, then as incremental changes. */
async function apply(session: LspSession, uri: string, text: string, action: CodeAction) {
  const edits = editsFor(action, uri);
  assert.ok(edits.length > 0, `"${action.title}" carries an edit for the document`);
  const version = session.version(uri);
  const pinned = action.edit?.documentChanges?.find((c) => 'textDocument' in c);
  assert.equal(pinned?.textDocument.version, version, 'the edit is pinned to the current version');
  const next = applyEdits(text, edits).text;
  const sorted = [...edits].sort(
    (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
  );
  const diagnostics = await session.changeAndWaitForDiagnostics(
    uri,
    sorted.map((e) => ({ range: e.range, text: e.newText })),
  );
  return { text: next, diagnostics };
}

describe('language server over stdio: push diagnostics and code actions', { timeout: 60_000 }, () => {
  let workspace: WorkspaceOnDisk;
  let session: LspSession;

  before(async () => {
    buildServer();
    workspace = new WorkspaceOnDisk({
      '.mlops-lens.yaml': configWithOnly(
        ['gpu/limits-missing'],
        ALL_RULES.map((rule) => rule.meta.id),
      ),
      'k8s/deploy.yaml': GPU_WITHOUT_LIMIT,
      'k8s/pods.yaml': THREE_MISSING_LIMITS,
    });
    session = await LspSession.start({ workspaceFolder: workspace.root });
  });

  after(async () => {
    await session.stop();
    workspace.remove();
  });

  it('advertises incremental sync, code actions and pull diagnostics', () => {
    const { capabilities } = session.initializeResult;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2, save: false });
    assert.ok(capabilities.codeActionProvider);
    assert.equal(
      capabilities.diagnosticProvider &&
        'workspaceDiagnostics' in capabilities.diagnosticProvider &&
        capabilities.diagnosticProvider.workspaceDiagnostics,
      true,
    );
  });

  it('reports a GPU request without a limit at the key, with code, link and fix data', async () => {
    const uri = workspace.uri('k8s/deploy.yaml');
    await session.open(uri, GPU_WITHOUT_LIMIT);
    const [diagnostic, ...rest] = await session.diagnosticsForVersion(uri, 1);
    assert.equal(rest.length, 0);
    assert.ok(diagnostic);
    assert.deepEqual(diagnostic.range, GPU_KEY_RANGE);
    assert.equal(diagnostic.code, 'gpu/limits-missing');
    assert.equal(diagnostic.source, 'mlops-lens');
    assert.equal(diagnostic.severity, 1);
    assert.match(diagnostic.codeDescription?.href ?? '', /docs\/rules\/gpu\/limits-missing\.md$/);
    assert.deepEqual(diagnostic.data, { ruleId: 'gpu/limits-missing', version: 1, index: 0 });
  });

  it('refuses fixes for a diagnostic from an older version', async () => {
    const uri = workspace.uri('k8s/deploy.yaml');
    const [diagnostic] = await session.diagnosticsForVersion(uri, 1);
    assert.ok(diagnostic);
    const stale = { ...diagnostic, data: { ruleId: 'gpu/limits-missing', version: 0, index: 0 } };
    assert.deepEqual(await actionsFor(session, uri, [stale]), []);
  });

  it('applies the quick-fix and the file comes back clean', async () => {
    const uri = workspace.uri('k8s/deploy.yaml');
    const diagnostics = await session.diagnosticsForVersion(uri, 1);
    const actions = await actionsFor(session, uri, diagnostics);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind]),
      [
        ['Add nvidia.com/gpu: 1 to limits', 'quickfix'],
        ['Ignore gpu/limits-missing on this line', 'quickfix'],
      ],
    );
    assert.equal(actions[0]?.isPreferred, true);
    const fixed = await apply(session, uri, GPU_WITHOUT_LIMIT, actions[0]);
    assert.equal(fixed.text, GPU_WITH_LIMIT);
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('inserts an ignore comment above the line, indented like it, and the finding goes away', async () => {
    const uri = workspace.uri('k8s/ignored.yaml');
    await session.open(uri, GPU_WITHOUT_LIMIT);
    const diagnostics = await session.diagnosticsForVersion(uri, 1);
    const ignore = (await actionsFor(session, uri, diagnostics)).find((a) => a.title.startsWith('Ignore'));
    assert.ok(ignore);
    const result = await apply(session, uri, GPU_WITHOUT_LIMIT, ignore);
    const lines = result.text.split('\n');
    assert.equal(lines[13], '              # mlops-lens: ignore[gpu/limits-missing] reason');
    assert.equal(lines[14], '              nvidia.com/gpu: 1');
    assert.deepEqual(result.diagnostics, []);
  });

  it('fixes every finding of a rule in the file, across documents', async () => {
    const uri = workspace.uri('k8s/pods.yaml');
    await session.open(uri, THREE_MISSING_LIMITS);
    const diagnostics = await session.diagnosticsForVersion(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => d.range.start.line),
      [10, 14, 26],
    );
    const fixAll = (await actionsFor(session, uri, diagnostics.slice(0, 1))).find(
      (a) => a.title === 'Fix all gpu/limits-missing problems in this file',
    );
    assert.ok(fixAll, 'a fix-all action is offered');
    const result = await apply(session, uri, THREE_MISSING_LIMITS, fixAll);
    assert.deepEqual(result.diagnostics, []);
    assert.match(result.text, /limits:\n\s+nvidia\.com\/gpu: 2/);
  });

  it('offers source.fixAll.mlops-lens with the safe fixes of the file', async () => {
    const uri = workspace.uri('k8s/source-fix-all.yaml');
    await session.open(uri, THREE_MISSING_LIMITS);
    const diagnostics = await session.diagnosticsForVersion(uri, 1);
    assert.equal(diagnostics.length, 3);
    const actions = await actionsFor(session, uri, [], ['source.fixAll']);
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.mlops-lens'],
    );
    const result = await apply(session, uri, THREE_MISSING_LIMITS, actions[0]!);
    assert.deepEqual(result.diagnostics, []);
    assert.deepEqual(await actionsFor(session, uri, [], ['source.fixAll']), [], 'nothing left to fix');
  });

  it('after a burst of edits, reports the last version and never an older one after it', async () => {
    const uri = workspace.uri('k8s/burst.yaml');
    await session.open(uri, GPU_WITH_LIMIT);
    assert.deepEqual(await session.diagnosticsForVersion(uri, 1), []);
    const line = GPU_WITH_LIMIT.split('\n').indexOf('              nvidia.com/gpu: 1', 14);
    // Ten changes without waiting: remove the limit, put it back, ..., and finally remove it.
    for (let i = 0; i < 11; i++) {
      const change =
        i % 2 === 0
          ? { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }
          : {
              range: { start: { line, character: 0 }, end: { line, character: 0 } },
              text: '              nvidia.com/gpu: 1\n',
            };
      void session.change(uri, [change]);
    }
    const last = await session.diagnosticsForVersion(uri, 12);
    assert.deepEqual(
      last.map((d) => [d.code, d.range]),
      [['gpu/limits-missing', GPU_KEY_RANGE]],
    );
    const versions = session.publishHistory.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'versions only go up',
    );
  });

  it('re-reports on every change: breaking the fix brings the finding back', async () => {
    const uri = workspace.uri('k8s/deploy.yaml');
    const text = GPU_WITH_LIMIT;
    const line = text.split('\n').indexOf('              nvidia.com/gpu: 1', 14);
    const diagnostics = await session.changeAndWaitForDiagnostics(uri, [
      { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' },
    ]);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range]),
      [['gpu/limits-missing', GPU_KEY_RANGE]],
    );
  });
});
