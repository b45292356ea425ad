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
export function documentDiagnostics(
  context: ServerContext,
  params: DocumentDiagnosticParams,
): DocumentDiagnosticReport {
  const { documents, analyses, settings, generation } = context;
  const document = documents.get(params.textDocument.uri);
  if (!document || !settings.enable) return { kind: 'full', items: [] };
  const resultId = `${generation}:v${document.version}`;
  if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
  return { kind: 'full', resultId, items: [...analyses.analyze(document).diagnostics] };
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
  const { documents, analyses, settings, folders, scan } = context;
  if (!settings.enable || !settings.workspaceDiagnostics) return { items: [] };
  const previous = new Map(params.previousResultIds.map((entry) => [entry.uri, entry.value]));
  const files = await scan.scan(folders.folders, documents.all(), analyses, token);
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
