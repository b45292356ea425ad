import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { WorkspaceView } from '../engine/workspace-view.ts';
import { dvcWorkspace } from './dvc-workspace.ts';

function relative(root: string, uri: string): string {
  return decodeURIComponent(uri.startsWith(`${root}/`) ? uri.slice(root.length + 1) : uri);
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : `${path.slice(0, slash)}/`;
}

/** The `outs` paths of every stage of a `dvc.yaml` (plain strings or `{path: options}` maps). */
function stageOuts(text: string): string[] {
  let doc;
  try {
    doc = parseDocument(text);
  } catch {
    return [];
  }
  const stages = isMap(doc.contents) ? doc.contents.get('stages', true) : undefined;
  if (!isMap(stages)) return [];
  const out: string[] = [];
  for (const stage of stages.items) {
    const outs = isMap(stage.value) ? stage.value.get('outs', true) : undefined;
    for (const item of isSeq(outs) ? outs.items : []) {
      if (isScalar(item) && typeof item.value === 'string') out.push(item.value);
      else if (isMap(item)) {
        const key = item.items[0]?.key;
        if (isScalar(key) && typeof key.value === 'string') out.push(key.value);
      }
    }
  }
  return out;
}

/**
 * Workspace-relative paths of the data DVC tracks: each `x.dvc` file tracks `x`; each stage of a
 * `dvc.yaml` tracks its `outs`, relative to that file's folder.
 */
export function dvcTrackedPaths(workspace: WorkspaceView): string[] {
  const paths: string[] = [];
  for (const uri of dvcWorkspace(workspace).tracking) {
    const path = relative(workspace.root, uri);
    if (path.endsWith('.dvc')) paths.push(path.slice(0, -'.dvc'.length));
    else
      for (const out of stageOuts(workspace.read(uri) ?? ''))
        paths.push(folderOf(path) + out.replace(/^\.\//, ''));
  }
  return paths;
}
