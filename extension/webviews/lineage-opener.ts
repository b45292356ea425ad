/**
 * Carries out what a click on a lineage node opens (lineage-open-target.ts decides): a workspace
 * file in an editor beside the graph, a run's details, a model version's registry metadata, or
 * an artifact downloaded from the daemon (as text in an editor, or saved where the user says).
 */
import { statSync } from 'node:fs';
import { Position, Range, Uri, ViewColumn, window, workspace } from 'vscode';
import { MLFLOW_ARTIFACTS_PREFIX, NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { ModelVersionMetadataResponse } from '../../daemon/api/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import type { LineageOpenTarget, WorkspaceFiles } from './lineage-open-target.ts';

export interface LineageOpenerDeps {
  readonly connection: DaemonConnection;
  /** Shows one run's details (the runs compare panel). */
  showRun(runId: string): Promise<void>;
}

/** The workspace folders on disk. */
export function diskWorkspaceFiles(): WorkspaceFiles {
  return {
    folders: (workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => f.uri.fsPath),
    isFile: (absolutePath) => {
      try {
        return statSync(absolutePath).isFile();
      } catch {
        return false;
      }
    },
  };
}

async function downloadArtifact(connection: DaemonConnection, artifactPath: string): Promise<Uint8Array> {
  const target = connection.streamTarget;
  if (!target) throw new Error('the daemon is not connected');
  const encoded = artifactPath.split('/').map(encodeURIComponent).join('/');
  const response = await fetch(new URL(`${MLFLOW_ARTIFACTS_PREFIX}/${encoded}`, target.url), {
    headers: { authorization: `Bearer ${target.token}` },
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`the daemon answered HTTP ${response.status} for ${artifactPath}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function openLineageTarget(target: LineageOpenTarget, deps: LineageOpenerDeps): Promise<void> {
  switch (target.kind) {
    case 'file': {
      const at = new Position(Math.max(0, (target.line ?? 1) - 1), 0);
      await window.showTextDocument(Uri.file(target.path), {
        viewColumn: ViewColumn.Beside,
        preview: true,
        ...(target.line === undefined ? {} : { selection: new Range(at, at) }),
      });
      return;
    }
    case 'run':
      await deps.showRun(target.runId);
      return;
    case 'model_version': {
      const details = await deps.connection.request<ModelVersionMetadataResponse>(
        'GET',
        `${NATIVE_API_PREFIX}/model-versions/metadata?name=${encodeURIComponent(target.name)}&version=${encodeURIComponent(target.version)}`,
      );
      const document = await workspace.openTextDocument({
        language: 'json',
        content: `${JSON.stringify(details, null, 2)}\n`,
      });
      await window.showTextDocument(document, { viewColumn: ViewColumn.Beside, preview: true });
      return;
    }
    case 'artifact': {
      const bytes = await downloadArtifact(deps.connection, target.artifactPath);
      const name = target.artifactPath.split('/').at(-1) ?? 'artifact';
      if (target.text) {
        const document = await workspace.openTextDocument({ content: new TextDecoder().decode(bytes) });
        await window.showTextDocument(document, { viewColumn: ViewColumn.Beside, preview: true });
        return;
      }
      const folder = workspace.workspaceFolders?.[0]?.uri;
      const destination = await window.showSaveDialog({
        title: `Save the artifact ${name}`,
        ...(folder ? { defaultUri: Uri.joinPath(folder, name) } : {}),
      });
      if (destination) await workspace.fs.writeFile(destination, bytes);
      return;
    }
    case 'nothing':
      await window.showInformationMessage(target.reason);
      return;
    default: {
      const unreachable: never = target;
      return unreachable;
    }
  }
}
