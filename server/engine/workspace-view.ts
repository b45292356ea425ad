/**
 * Read-only access to the other files of a workspace, for rules that look across files (a
 * lockfile beside requirements, a README beside DVC remotes). The caller provides it: the CLI
 * from disk, the language server from open documents and disk, tests from memory. Rules never
 * touch the file system themselves.
 */
export interface WorkspaceView {
  /** The workspace folder URI, without a trailing slash. */
  readonly root: string;
  /** The text of a file (an open editor's unsaved text first), or undefined when it does not exist. */
  read(uri: string): string | undefined;
  /** The URIs of the workspace's files that the analyzer considers (honouring .gitignore). */
  list(): readonly string[];
}

/** A workspace held in memory, for tests and for callers that already have every text. */
export function workspaceFromTexts(root: string, texts: ReadonlyMap<string, string>): WorkspaceView {
  return { root: root.replace(/\/$/, ''), read: (uri) => texts.get(uri), list: () => [...texts.keys()] };
}
