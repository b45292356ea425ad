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
 * Files the client holds results for that the scan no longer finds (deleted, now ignored): an
 * empty report clears them. Open documents and files outside the workspace folders are left to
 * document pulls.
 */
function reportsOfRemovedFiles(
  context: ServerContext,
  previous: ReadonlyMap<string, string>,
  scanned: readonly WorkspaceDocumentDiagnosticReport[],
): WorkspaceDocumentDiagnosticReport[] {
  const found = new Set(scanned.map((item) => item.uri));
  const resultId = `${context.generation}:removed`;
  const reports: WorkspaceDocumentDiagnosticReport[] = [];
  for (const [uri, value] of previous) {
    if (found.has(uri) || context.documents.get(uri)) continue;
    if (!context.scopes.folders.some((folder) => uri.startsWith(`${folder}/`))) continue;
    reports.push(
      value === resultId
        ? { kind: 'unchanged', uri, version: null, resultId }
        : { kind: 'full', uri, version: null, resultId, items: [] },
    );
  }
  return reports;
}

/** How long a `workspace/diagnostic` request with nothing new is held before answering anyway. */
export const WORKSPACE_HOLD_MS = 60_000;

/**
 * `workspace/diagnostic`: every analysable file of the workspace folders, open or not. Files
 * whose result id the client already holds come back as `unchanged`. When nothing changed and
 * the client reports file changes (watchers registered), the request is held until a change,
 * so an idle workspace is not walked every few seconds.
 */
export async function workspaceDiagnostics(
  context: ServerContext,
  params: WorkspaceDiagnosticParams,
  token: CancellationToken,
): Promise<WorkspaceDiagnosticReport> {
  const previous = new Map(params.previousResultIds.map((entry) => [entry.uri, entry.value]));
  const holdable = context.client.registerFileWatchers && previous.size > 0;
  const started = Date.now();
  for (;;) {
    const { documents, analyses, settings, scopes, scan } = context;
    if (!settings.enable || !settings.workspaceDiagnostics) return { items: [] };
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
    items.push(...reportsOfRemovedFiles(context, previous, items));
    const changed = items.some((item) => item.kind === 'full');
    const waited = Date.now() - started;
    if (!holdable || changed || token.isCancellationRequested || waited >= WORKSPACE_HOLD_MS)
      return { items };
    await context.workspaceChanges.wait(token, WORKSPACE_HOLD_MS - waited);
  }
}
