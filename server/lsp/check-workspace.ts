import type { CancellationToken } from 'vscode-languageserver';
import type { Severity } from '../engine/types.ts';
import type { CheckWorkspaceParams, CheckWorkspaceResult } from './protocol.ts';
import type { ServerContext } from './server-context.ts';

/** `mlopsLens/checkWorkspace`: problems per severity over the workspace folders. */
export async function checkWorkspace(
  context: ServerContext,
  params: CheckWorkspaceParams,
  token: CancellationToken,
): Promise<CheckWorkspaceResult> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0 };
  const { scopes, documents, analyses, scan, settings } = context;
  if (!settings.enable) return { files: 0, counts, failed: 0 };
  const wanted = params.folderUri?.replace(/\/$/, '');
  const selected = scopes.folders.filter((folder) => wanted === undefined || folder === wanted);
  const files = await scan.scan(selected, scopes, documents.all(), analyses, token);
  let failed = 0;
  for (const { analysis } of files) {
    if (analysis.failed) {
      failed++;
      counts.error++;
    }
    for (const item of [...analysis.findings, ...analysis.notes]) counts[item.severity]++;
  }
  return { files: files.length, counts, failed };
}
