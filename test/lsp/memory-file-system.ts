import path from 'node:path';
import type { DirectoryEntry, WorkspaceFileSystem } from '../../server/lsp/file-system.ts';

/** Stands in for a modification time: changes with the content. */
function contentStamp(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/** A WorkspaceFileSystem over a map of absolute paths to contents, for tests and benchmarks. */
export function memoryFileSystem(files: Readonly<Record<string, string>>): WorkspaceFileSystem {
  const directories = new Map<string, Map<string, DirectoryEntry['kind']>>();
  for (const file of Object.keys(files)) {
    let child = file;
    let kind: DirectoryEntry['kind'] = 'file';
    for (let parent = path.dirname(child); parent !== child; child = parent, parent = path.dirname(parent)) {
      const entries = directories.get(parent) ?? new Map<string, DirectoryEntry['kind']>();
      entries.set(path.basename(child), kind);
      directories.set(parent, entries);
      kind = 'directory';
    }
  }
  return {
    readDirectory(directory) {
      const entries = directories.get(directory);
      if (!entries) return Promise.reject(new Error(`ENOENT: ${directory}`));
      return Promise.resolve([...entries].map(([name, kind]) => ({ name, kind })));
    },
    readFile(file) {
      const text = files[file];
      return text === undefined ? Promise.reject(new Error(`ENOENT: ${file}`)) : Promise.resolve(text);
    },
    readFileSync(file) {
      return files[file];
    },
    stat(file) {
      const text = files[file];
      if (text !== undefined)
        return Promise.resolve({ size: Buffer.byteLength(text), modified: contentStamp(text) });
      return Promise.resolve(directories.has(file) ? { size: 0, modified: 0 } : undefined);
    },
  };
}
