import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { clientFeaturesOf } from './client-features.ts';
import type { AnalyzerFactory } from './config-scope.ts';
import { createAnalyzer } from './config-scope.ts';
import { ConfigScopes } from './config-scopes.ts';
import { checkWorkspace } from './check-workspace.ts';
import { modelsOfFile } from './models-of-file.ts';
import { codeActionsFor } from './code-actions.ts';
import { ConfigurationSync } from './configuration-sync.ts';
import { DiagnosticsPublisher } from './diagnostics-publisher.ts';
import { DocumentAnalyses } from './document-analyses.ts';
import { NotebookSync } from './notebook-sync.ts';
import type { WorkspaceFileSystem } from './file-system.ts';
import { fixAllEdit, isFixAllActionData } from './fix-all-action.ts';
import { connectionLogger } from './logger.ts';
import type { ClusterContext } from '../gpu/cluster-context.ts';
import { readLiveCluster } from './live-cluster.ts';
import { CheckWorkspaceRequest, ClusterContextNotification, ModelsOfFileRequest } from './protocol.ts';
import { documentDiagnostics, workspaceDiagnostics } from './pull-diagnostics.ts';
import { SERVER_NAME, serverCapabilities } from './server-capabilities.ts';
import type { ServerContext } from './server-context.ts';
import { DEFAULT_SETTINGS, readSettings, SETTINGS_SECTION } from './settings.ts';
import { WorkspaceChanges } from './workspace-changes.ts';
import { WorkspaceScan } from './workspace-scan.ts';

export interface LanguageServerOptions {
  /** Where workspace files and `.mlops-lens.yaml` are read from. */
  readonly fileSystem: WorkspaceFileSystem;
  /** Builds each configuration's analyzer; `new Analyzer(options)` by default. */
  readonly createAnalyzer?: AnalyzerFactory;
}

const WATCHED_FILES =
  '**/{.mlops-lens.yaml,.mlops-lens.yml,.gitignore,*.yaml,*.yml,*.json,*.ipynb,*.py,*.txt,*.in,*.toml,*.lock,*.md,*.dvc,config,Dockerfile*,Containerfile*,*.Dockerfile}';

function folderUrisOf(params: InitializeParams): string[] {
  if (params.workspaceFolders) return params.workspaceFolders.map((folder) => folder.uri);
  return params.rootUri ? [params.rootUri] : [];
}

/** Wires the LSP handlers to the analysis services on `connection`, then starts listening. */
export function startLanguageServer(connection: Connection, options: LanguageServerOptions): void {
  const logger = connectionLogger(connection.console);
  const documents = new TextDocuments(TextDocument);
  // The client's live cluster context (`mlopsLens/clusterContext`) wins over the workspace profile.
  let liveCluster: ClusterContext | undefined;
  const analyzerFactory = options.createAnalyzer ?? createAnalyzer;
  const scopes = new ConfigScopes(
    options.fileSystem,
    logger,
    (uri) => documents.get(uri)?.getText(),
    (analyzerOptions) =>
      analyzerFactory(liveCluster ? { ...analyzerOptions, cluster: liveCluster } : analyzerOptions),
  );
  const context: ServerContext = {
    connection,
    documents,
    scopes,
    // Another file's edit can change a Python file's pair findings: redo those files.
    analyses: new DocumentAnalyses(logger, (uris) => setImmediate(() => configuration?.pythonAffected(uris))),
    scan: new WorkspaceScan(options.fileSystem, logger),
    workspaceChanges: new WorkspaceChanges(),
    logger,
    settings: DEFAULT_SETTINGS,
    client: clientFeaturesOf({}),
    generation: 0,
  };
  const publisher = new DiagnosticsPublisher(context);
  const notebooks = new NotebookSync(context, (uris) =>
    setImmediate(() => {
      configuration?.pythonAffected(uris);
    }),
  );
  let configuration: ConfigurationSync | undefined;
  const reloadFailed = (error: unknown): void => logger.error('Reloading the configuration failed.', error);
  const registrationFailed = (error: unknown): void =>
    logger.error('The client refused a registration.', error);

  connection.onInitialize((params): InitializeResult => {
    context.client = clientFeaturesOf(params.capabilities);
    context.settings = readSettings(params.initializationOptions);
    configuration = new ConfigurationSync(context, publisher, notebooks);
    scopes.setFolders(folderUrisOf(params));
    return { capabilities: serverCapabilities(context.client), serverInfo: { name: SERVER_NAME } };
  });

  connection.onInitialized(() => {
    const { client } = context;
    if (client.registerConfigurationChanges) {
      connection.client
        .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch(registrationFailed);
    }
    if (client.registerFileWatchers) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          // Configuration, ignore files and every kind of file the engine reads (see file-kind.ts).
          watchers: [{ globPattern: WATCHED_FILES }],
        })
        .catch(registrationFailed);
    }
    if (client.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => folder.uri.replace(/\/$/, '')));
        const kept = scopes.folders.filter((folder) => !removed.has(folder));
        scopes.setFolders([...kept, ...event.added.map((folder) => folder.uri)]);
        configuration?.reloadConfigFiles().catch(reloadFailed);
      });
    }
    publisher.publishConfigurationProblems().catch(reloadFailed);
    if (client.configurationRequests) configuration?.reloadSettings(undefined, false).catch(reloadFailed);
  });

  documents.onDidOpen(({ document }) => publisher.schedule(document.uri));
  documents.onDidChangeContent(({ document }) => {
    publisher.schedule(document.uri);
    if (configuration?.isConfigFile(document.uri)) configuration.reloadConfigFiles().catch(reloadFailed);
  });
  documents.onDidClose(({ document }) => {
    context.analyses.forget(document.uri, scopes.cached(document.uri));
    publisher.clear(document.uri);
    // Its disk version is what a workspace report shows again.
    context.workspaceChanges.notify();
    if (configuration?.isConfigFile(document.uri)) configuration.reloadConfigFiles().catch(reloadFailed);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    // Both paths wake a held workspace pull once the caches know about the change.
    if (changes.some((change) => configuration?.isConfigFile(change.uri))) {
      configuration?.reloadConfigFiles().catch(reloadFailed);
    } else {
      configuration?.filesChanged(changes).catch(reloadFailed);
    }
  });
  connection.onDidChangeConfiguration(({ settings }) => {
    configuration?.reloadSettings(settings, true).catch(reloadFailed);
  });

  connection.languages.diagnostics.on((params) =>
    notebooks.isCell(params.textDocument.uri) ? notebooks.pull(params) : documentDiagnostics(context, params),
  );
  connection.languages.diagnostics.onWorkspace((params, token) =>
    workspaceDiagnostics(context, params, token),
  );

  connection.onCodeAction(async (params) => {
    const { uri } = params.textDocument;
    if (notebooks.isCell(uri)) return notebooks.codeActions(params);
    if (!documents.get(uri) || !context.settings.enable) return [];
    const scope = scopes.cached(uri) ?? (await scopes.scopeFor(uri));
    const document = documents.get(uri);
    if (!document) return [];
    return codeActionsFor(params, {
      document,
      // The current version's analysis (usually cached already), whose fixes are offered.
      analysis: context.analyses.analyze(document, scope),
      analyzer: scope.analysis.analyzer,
      editSupport: context.client.edits,
      resolveEdits: context.client.codeActionResolve,
    });
  });
  connection.onCodeActionResolve((action) => {
    const data: unknown = action.data;
    if (!isFixAllActionData(data)) return action;
    const document = documents.get(data.uri);
    // Refused when the document changed since the action was offered.
    const scope = scopes.cached(data.uri);
    if (!document || !scope || document.version !== data.version) return action;
    const edit = fixAllEdit(scope.analysis.analyzer, document, data.ruleId, context.client.edits);
    return edit ? { ...action, edit } : action;
  });

  connection.onNotification(ClusterContextNotification, (params) => {
    const reading = readLiveCluster(params);
    if (!reading.ok) {
      logger.error(`Ignored ${ClusterContextNotification.method}: ${reading.error}.`);
      return;
    }
    if (JSON.stringify(reading.cluster) === JSON.stringify(liveCluster)) return;
    liveCluster = reading.cluster;
    configuration?.reloadConfigFiles().catch(reloadFailed);
  });

  connection.onRequest(CheckWorkspaceRequest, (params, token) => checkWorkspace(context, params, token));
  connection.onRequest(ModelsOfFileRequest, (params) => modelsOfFile(context, params));

  documents.listen(connection);
  notebooks.listen(connection);
  connection.listen();
}
