import type {
  DocumentDiagnosticParams,
  DocumentDiagnosticReport,
  WorkspaceDiagnosticParams,
  WorkspaceDiagnosticReport,
  WorkspaceDocumentDiagnosticReport,
  CancellationToken,
} from 'vscode-languageserver';
import type { ServerContext } from './server-context.ts';

/** `textDocument/diagnostic`: the open document's diagnostics, unchanged when its id matches. */
export async function documentDiagnostics(
  context: ServerContext,
  params: DocumentDiagnosticParams,
): Promise<DocumentDiagnosticReport> {
  const { documents, analyses, settings, scopes } = context;
  const { uri } = params.textDocument;
  if (!documents.get(uri) || !settings.enable) return { kind: 'full', items: [] };
  const generation = context.generation;
  const scope = scopes.cached(uri) ?? (await scopes.scopeFor(uri));
  // The document may have changed or closed while its configuration was looked up.
  const document = documents.get(uri);
  if (!document) return { kind: 'full', items: [] };
  const resultId = `${generation}:v${document.version}`;
  if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
  return { kind: 'full', resultId, items: [...analyses.analyze(document, scope).diagnostics] };
}

/**
 * `workspace/diagnostic`: every analysable file of the workspace folders, open or not. Files
 * whose result id the client already holds come back as `unchanged`.
 */
export async function workspaceDiagnostics(
  context: ServerContext,
  params: WorkspaceDiagnosticParams,
  token: CancellationToken,
): Promise<WorkspaceDiagnosticReport> {
  const { documents, analyses, settings, scopes, scan } = context;
  if (!settings.enable || !settings.workspaceDiagnostics) return { items: [] };
  const previous = new Map(params.previousResultIds.map((entry) => [entry.uri, entry.value]));
  const files = await scan.scan(scopes.folders, scopes, documents.all(), analyses, token);
  const items: WorkspaceDocumentDiagnosticReport[] = files.map(({ analysis, resultId }) =>
    previous.get(analysis.uri) === resultId
      ? { kind: 'unchanged', uri: analysis.uri, version: analysis.version, resultId }
      : {
          kind: 'full',
          uri: analysis.uri,
          version: analysis.version,
          resultId,
          items: [...analysis.diagnostics],
        },
  );
  return { items };
}
