import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { CodeActionRequest, DocumentDiagnosticRequest } from 'vscode-languageserver-protocol/node';
import { CheckWorkspaceRequest } from '../../server/lsp/protocol.ts';
import { ALL_RULES } from '../../server/rules/registry.ts';
import { buildServer, LspSession } from './lsp-session.ts';
import { configWithOnly, GPU_KEY_RANGE, GPU_WITHOUT_LIMIT } from './manifests.ts';
import { WorkspaceOnDisk } from './workspace-on-disk.ts';

const ALIAS_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  // 11 levels of 100 aliases: 100^11 strings if expanded, and over the engine's alias limit.
  ...Array.from({ length: 11 }, (_, i) => {
    const name = String.fromCharCode(98 + i);
    const previous = String.fromCharCode(97 + i);
    return `${name}: &${name} [${Array.from({ length: 100 }, () => `*${previous}`).join(',')}]`;
  }),
].join('\n');

function codes(diagnostics: readonly Diagnostic[]): unknown[] {
  return diagnostics.map((d) => [d.code, d.severity]);
}

describe('language server over stdio: bad input never takes it down', { timeout: 60_000 }, () => {
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
    });
    workspace.write('k8s/binary.yaml', Buffer.from([0x6b, 0x3a, 0x00, 0xff, 0xfe, 0x00, 0x0a]));
    workspace.write('k8s/truncated.yaml', GPU_WITHOUT_LIMIT.slice(0, 200) + '\n  - [unclosed');
    session = await LspSession.start({ workspaceFolder: workspace.root });
  });

  after(async () => {
    await session.stop();
    workspace.remove();
  });

  it('reports a syntax error at its place and keeps analysing the other documents', async () => {
    const uri = workspace.uri('k8s/broken.yaml');
    await session.open(uri, `kind: Pod\nmetadata: {name: [oops\n---\n${GPU_WITHOUT_LIMIT}`);
    const diagnostics = await session.diagnosticsForVersion(uri, 1);
    const parseError = diagnostics.find((d) => d.code === 'parse-error');
    assert.ok(parseError, 'a parse-error diagnostic');
    assert.ok(parseError.range.start.line <= 2, 'reported in the broken first document');
    const finding = diagnostics.find((d) => d.code === 'gpu/limits-missing');
    assert.deepEqual(finding?.range.start, { line: GPU_KEY_RANGE.start.line + 3, character: 14 });
  });

  it('skips binary content and alias bombs with a note', async () => {
    const binary = workspace.uri('k8s/binary-open.yaml');
    await session.open(binary, 'kind: Pod\u0000\u0001\u0002');
    assert.deepEqual(codes(await session.diagnosticsForVersion(binary, 1)), [['skipped', 3]]);
    const bomb = workspace.uri('k8s/bomb.yaml');
    await session.open(bomb, ALIAS_BOMB);
    assert.deepEqual(codes(await session.diagnosticsForVersion(bomb, 1)), [['limit', 2]]);
  });

  it('skips a huge file with a note, and answers requests meanwhile', async () => {
    const uri = workspace.uri('k8s/huge.yaml');
    const line = 'key: value # padding padding padding padding padding padding padding\n';
    await session.open(uri, line.repeat(Math.ceil((9 * 1024 * 1024) / line.length)));
    assert.deepEqual(codes(await session.diagnosticsForVersion(uri, 1)), [['limit', 3]]);
    const actions = await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: GPU_KEY_RANGE,
      context: { diagnostics: [] },
    });
    assert.deepEqual(actions, []);
  });

  it('survives non-YAML garbage in every kind of file the client may open', async () => {
    const garbage = ['{{{{', ']]]]:::', '\uFFFF\uD800', '- - - - -\n\t\t\t: :', '%YAML 9.9\n---\n'];
    for (const [index, text] of garbage.entries()) {
      for (const extension of ['yaml', 'json', 'txt']) {
        const uri = workspace.uri(`junk/file${index}.${extension}`);
        await session.open(uri, text);
        const report = await session.connection.sendRequest(DocumentDiagnosticRequest.type, {
          textDocument: { uri },
        });
        assert.equal(report.kind, 'full');
      }
    }
    const json = workspace.uri('registry/model.json');
    await session.open(json, '{"model_name": "ranker", "version": ');
    const report = await session.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri: json },
    });
    assert.equal(report.kind, 'full');
  });

  it('checks a workspace that holds binary and truncated files, and is still alive afterwards', async () => {
    const result = await session.connection.sendRequest(CheckWorkspaceRequest, {});
    assert.equal(result.failed, 0);
    assert.ok(result.counts.error >= 2, 'the GPU finding and the truncated file are errors');
    assert.ok(result.counts.information >= 1, 'the binary file is skipped with a note');
    const uri = workspace.uri('k8s/after.yaml');
    await session.open(uri, GPU_WITHOUT_LIMIT);
    assert.deepEqual(
      (await session.diagnosticsForVersion(uri, 1)).map((d) => d.code),
      ['gpu/limits-missing'],
    );
    assert.equal(session.exited, false);
    assert.deepEqual(session.stderr, []);
  });
});
