import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkspaceView } from '../engine/workspace-view.ts';

/** A workspace view over the disk, which the CLI keeps in step with the files its fixes write. */
export interface DiskWorkspace extends WorkspaceView {
  /** Records a file's new text after the CLI wrote it, so later reads see it. */
  remember(uri: string, text: string): void;
}

/**
 * The workspace of one configuration group: `list` is the files the check collected for it,
 * `read` reads any file of the disk lazily, once.
 */
export function diskWorkspace(root: string, files: readonly string[]): DiskWorkspace {
  const texts = new Map<string, string | undefined>();
  const uris = files.map((file) => pathToFileURL(file).href);
  return {
    root: pathToFileURL(root).href.replace(/\/$/, ''),
    list: () => uris,
    read(uri) {
      if (texts.has(uri)) return texts.get(uri);
      let text: string | undefined;
      try {
        text = uri.startsWith('file:') ? readFileSync(fileURLToPath(uri), 'utf8') : undefined;
      } catch {
        text = undefined;
      }
      texts.set(uri, text);
      return text;
    },
    remember(uri, text) {
      texts.set(uri, text);
    },
  };
}
