/**
 * What a workspace holds of DVC, read through the workspace view: the data it tracks (`*.dvc`
 * files, `outs` of `dvc.yaml` stages), the remotes of its root `.dvc/config`, and its README.
 */
import type { WorkspaceView } from '../engine/workspace-view.ts';
import { parseDvcConfig, remotesOf } from './parse-dvc-config.ts';
import type { DvcConfig, DvcSection } from './parse-dvc-config.ts';

export interface DvcWorkspace {
  /** Files that show DVC-tracked data: `*.dvc` files and `dvc.yaml` files with `outs`. */
  readonly tracking: readonly string[];
  readonly config: DvcConfig | undefined;
  /** Remotes, the default one first. */
  readonly remotes: readonly DvcSection[];
  /** The README at the workspace root, when there is one. */
  readonly readme: { readonly uri: string; readonly text: string } | undefined;
}

function baseName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

export function rootConfigUri(workspace: WorkspaceView): string {
  return `${workspace.root}/.dvc/config`;
}

export function rootReadmeUri(workspace: WorkspaceView): string | undefined {
  return workspace
    .list()
    .find(
      (uri) => uri.slice(0, uri.lastIndexOf('/')) === workspace.root && /^readme\.md$/i.test(baseName(uri)),
    );
}

export function dvcWorkspace(workspace: WorkspaceView): DvcWorkspace {
  const files = workspace.list();
  const tracking = files.filter((uri) => {
    const name = baseName(uri);
    if (name.endsWith('.dvc') && name !== '.dvc') return true;
    if (name !== 'dvc.yaml') return false;
    return /^\s*(-\s*)?outs\s*:/m.test(workspace.read(uri) ?? '');
  });
  const configUri = rootConfigUri(workspace);
  const configText = workspace.read(configUri);
  const config = configText === undefined ? undefined : parseDvcConfig(configUri, configText);
  const readmeUri = rootReadmeUri(workspace);
  const readmeText = readmeUri === undefined ? undefined : workspace.read(readmeUri);
  return {
    tracking,
    config,
    remotes: config ? remotesOf(config) : [],
    readme:
      readmeUri !== undefined && readmeText !== undefined ? { uri: readmeUri, text: readmeText } : undefined,
  };
}
