/**
 * The server in-process over in-memory streams, with a file system in memory and an analyzer
 * that throws on some files: one failing file must not take the server down.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { createConnection } from 'vscode-languageserver/node';
import type { ProtocolConnection, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
} from 'vscode-languageserver-protocol/node';
import { Analyzer } from '../../server/engine/analyzer.ts';
import type { FileResult } from '../../server/engine/analyzer.ts';
import type { SourceDocument } from '../../server/engine/types.ts';
import { startLanguageServer } from '../../server/lsp/language-server.ts';
import { CheckWorkspaceRequest } from '../../server/lsp/protocol.ts';
import { GPU_WITHOUT_LIMIT } from './manifests.ts';
import { memoryFileSystem } from './memory-file-system.ts';

class ExplodingAnalyzer extends Analyzer {
  override analyze(document: SourceDocument): FileResult {
    if (document.uri.includes('explode')) throw new Error('boom in a rule');
    return super.analyze(document);
  }
}

describe('an exception in the analysis of one file', { timeout: 30_000 }, () => {
  let client: ProtocolConnection;
  const published = new Map<string, PublishDiagnosticsParams>();
  const logs: string[] = [];
  const listeners: Array<() => boolean> = [];
  const whenPublished = (uri: string): Promise<PublishDiagnosticsParams> =>
    new Promise((resolve) => {
      const check = (): boolean => {
        const params = published.get(uri);
        if (params) resolve(params);
        return params !== undefined;
      };
      if (!check()) listeners.push(check);
    });

  before(async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const server = createConnection(toServer, toClient);
    startLanguageServer(server, {
      fileSystem: memoryFileSystem({
        '/w/k8s/explode.yaml': GPU_WITHOUT_LIMIT,
        '/w/k8s/fine.yaml': GPU_WITHOUT_LIMIT,
      }),
      createAnalyzer: (options) => new ExplodingAnalyzer(options),
    });
    client = createProtocolConnection(toClient, toServer);
    client.onNotification(PublishDiagnosticsNotification.type, (params) => {
      published.set(params.uri, params);
      for (const listener of listeners.splice(0)) if (!listener()) listeners.push(listener);
    });
    client.onNotification(LogMessageNotification.type, (params) => {
      logs.push(params.message);
    });
    client.listen();
    await client.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: 'file:///w',
      workspaceFolders: [{ uri: 'file:///w', name: 'w' }],
      capabilities: {},
    });
    await client.sendNotification(InitializedNotification.type, {});
  });

  after(() => client.dispose());

  it('gives that file an analysis-failed diagnostic and logs the error', async () => {
    const uri = 'file:///w/k8s/explode.yaml';
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text: GPU_WITHOUT_LIMIT },
    });
    const { diagnostics } = await whenPublished(uri);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.source]),
      [['analysis-failed', 1, 'mlops-lens']],
    );
    const message = diagnostics[0]?.message;
    assert.ok(typeof message === 'string' && message.includes('boom in a rule'), 'the message says why');
    assert.ok(logs.some((line) => line.includes('boom in a rule') && line.includes('ExplodingAnalyzer')));
  });

  it('keeps analysing the other files, open or on disk', async () => {
    const uri = 'file:///w/k8s/open.yaml';
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'yaml', version: 1, text: GPU_WITHOUT_LIMIT },
    });
    const { diagnostics } = await whenPublished(uri);
    assert.ok(diagnostics.some((d) => d.code === 'gpu/limits-missing'));
    const result = await client.sendRequest(CheckWorkspaceRequest, {});
    assert.equal(result.files, 2);
    assert.equal(result.failed, 1);
    assert.ok(result.counts.error >= 2, 'the failure and the finding in fine.yaml');
  });
});
