/**
 * Drives the built language server (`dist/server.js --stdio`) as a real LSP client would: the
 * protocol tests use it, and so can a benchmark (spawn, open a document, time
 * `changeAndWaitForDiagnostics`).
 */
import { execFileSync, fork, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  ClientCapabilities,
  Diagnostic,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The bundled server that clients start. */
export const SERVER_SCRIPT = path.join(ROOT, 'dist', 'server.js');

/** The newest modification time of the files a bundle is built from. */
function newestSource(): number {
  let newest = Math.max(
    statSync(path.join(ROOT, 'package.json')).mtimeMs,
    statSync(path.join(ROOT, 'scripts', 'build.mjs')).mtimeMs,
  );
  for (const entry of readdirSync(path.join(ROOT, 'server'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Bundles the server (the same command as `npm run build`) unless the bundle is newer than its sources. */
export function buildServer(): void {
  if (existsSync(SERVER_SCRIPT) && statSync(SERVER_SCRIPT).mtimeMs >= newestSource()) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** A client that supports push diagnostics, versioned edits with file creation, and resolve. */
export const PUSH_CLIENT: ClientCapabilities = {
  textDocument: {
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    codeAction: {
      dataSupport: true,
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
    },
  },
  workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
};

/** A client that pulls diagnostics, honours refresh, answers configuration and watches files. */
export const PULL_CLIENT: ClientCapabilities = {
  textDocument: {
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    codeAction: { ...PUSH_CLIENT.textDocument?.codeAction, resolveSupport: { properties: ['edit'] } },
  },
  workspace: {
    ...PUSH_CLIENT.workspace,
    diagnostics: { refreshSupport: true },
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
};

export interface SessionOptions {
  readonly workspaceFolder: string;
  readonly capabilities?: ClientCapabilities;
  readonly initializationOptions?: unknown;
  /** How to talk to the server: `--stdio` (default) or `--node-ipc`, as VS Code may start it. */
  readonly transport?: 'stdio' | 'node-ipc';
  /** What the client answers to `workspace/configuration` for the `mlopsLens` section. */
  readonly settings?: () => unknown;
}

type DiagnosticsWaiter = {
  uri: string;
  accept: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
};

export class LspSession {
  readonly connection: ProtocolConnection;
  readonly initializeResult: InitializeResult;
  /** The latest pushed diagnostics per URI. */
  readonly published = new Map<string, PublishDiagnosticsParams>();
  /** Every push, in order of arrival. */
  readonly publishHistory: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  /** What the server wrote to stderr (nothing, normally). */
  readonly stderr: string[] = [];
  /** How many `workspace/diagnostic/refresh` requests the server sent. */
  refreshes = 0;
  private readonly child: ChildProcess;
  private readonly versions = new Map<string, number>();
  private stopped = false;
  private waiters: DiagnosticsWaiter[] = [];
  private refreshWaiters: Array<() => void> = [];

  private constructor(child: ChildProcess, connection: ProtocolConnection, result: InitializeResult) {
    this.child = child;
    this.connection = connection;
    this.initializeResult = result;
  }

  static async start(options: SessionOptions): Promise<LspSession> {
    const ipc = options.transport === 'node-ipc';
    const child = ipc
      ? fork(SERVER_SCRIPT, ['--node-ipc'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] })
      : spawn(process.execPath, [SERVER_SCRIPT, '--stdio'], { cwd: ROOT });
    const connection = ipc
      ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
      : createProtocolConnection(
          new StreamMessageReader(child.stdout!),
          new StreamMessageWriter(child.stdin!),
        );
    const pending: { session?: LspSession; early: Array<(s: LspSession) => void> } = { early: [] };
    const later = (act: (s: LspSession) => void): void => {
      if (pending.session) act(pending.session);
      else pending.early.push(act);
    };
    child.stderr?.on('data', (chunk: Buffer) => later((s) => s.stderr.push(chunk.toString())));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) =>
      later((s) => s.onPublish(params)),
    );
    connection.onNotification(LogMessageNotification.type, (params) =>
      later((s) => s.logs.push(params.message)),
    );
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map(() => options.settings?.() ?? null),
    );
    connection.onRequest(DiagnosticRefreshRequest.type, () => {
      later((s) => s.onRefresh());
    });
    connection.listen();
    const folderUri = fileUri(options.workspaceFolder);
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folderUri,
      workspaceFolders: [{ uri: folderUri, name: path.basename(options.workspaceFolder) }],
      capabilities: options.capabilities ?? PUSH_CLIENT,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    const session = new LspSession(child, connection, result);
    pending.session = session;
    for (const act of pending.early) act(session);
    return session;
  }

  /** The server's exit code once it has exited (0 after shutdown and exit). */
  get exitCode(): number | null {
    return this.child.exitCode;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  async open(uri: string, text: string, languageId = 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Sends a change and returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  /** Resolves with the first push for `uri` (already received or future) that `accept` takes. */
  waitForDiagnostics(
    uri: string,
    accept: (p: PublishDiagnosticsParams) => boolean = () => true,
  ): Promise<PublishDiagnosticsParams> {
    const latest = this.published.get(uri);
    if (latest && accept(latest)) return Promise.resolve(latest);
    return new Promise((resolve) => this.waiters.push({ uri, accept, resolve }));
  }

  /** The diagnostics pushed for exactly `version` of the document. */
  async diagnosticsForVersion(uri: string, version: number): Promise<Diagnostic[]> {
    return (await this.waitForDiagnostics(uri, (p) => p.version === version)).diagnostics;
  }

  /** Edits a document and resolves with the diagnostics of the new version (the edit-to-diagnostics path). */
  async changeAndWaitForDiagnostics(
    uri: string,
    changes: TextDocumentContentChangeEvent[],
  ): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    const result = this.diagnosticsForVersion(uri, version);
    await this.change(uri, changes);
    return result;
  }

  /** Resolves on the next `workspace/diagnostic/refresh`. */
  nextRefresh(): Promise<void> {
    return new Promise((resolve) => this.refreshWaiters.push(resolve));
  }

  /** Shuts the server down (`shutdown`, then `exit`) and waits for the process to end. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (!this.exited) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
      await exited;
    }
    this.connection.dispose();
  }

  private onPublish(params: PublishDiagnosticsParams): void {
    this.published.set(params.uri, params);
    this.publishHistory.push(params);
    const ready = this.waiters.filter((w) => w.uri === params.uri && w.accept(params));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve(params);
  }

  private onRefresh(): void {
    this.refreshes++;
    const waiters = this.refreshWaiters;
    this.refreshWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
