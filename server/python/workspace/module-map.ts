/**
 * Maps Python module names to the workspace files that define them, the way the interpreter
 * would find them: relative imports from the importing file's package, then the importing
 * script's folder and each folder above it up to a workspace root (covering both
 * `python train.py` and `python -m pkg.train` from the project root, and `src/` layouts).
 */
export class ModuleMap {
  private readonly byPath = new Map<string, string>();
  /**
   * Every folder and module name in the paths ever added: an absolute import whose first name is
   * not one of them (`numpy`, `sklearn`) is not in the workspace, without looking in each folder.
   */
  private readonly names = new Set<string>();
  private readonly roots: string[];

  constructor(roots: readonly string[]) {
    this.roots = roots.map((root) => stripSlash(uriPath(root)));
  }

  add(uri: string): void {
    const path = uriPath(uri);
    this.byPath.set(path, uri);
    for (const name of path.split('/')) this.names.add(name.endsWith('.py') ? name.slice(0, -3) : name);
  }

  remove(uri: string): void {
    this.byPath.delete(uriPath(uri));
  }

  /** The file that `from <.. level><module> import ...` in `fromUri` refers to, if in the workspace. */
  resolve(fromUri: string, module: string, level: number): string | null {
    const fromDir = dirname(uriPath(fromUri));
    const relative = module ? module.split('.').join('/') : '';
    if (level > 0) {
      let base = fromDir;
      for (let i = 1; i < level; i++) base = dirname(base);
      return this.lookup(base, relative);
    }
    const first = relative.split('/', 1)[0] ?? '';
    if (relative && !this.names.has(first)) return null;
    const root = this.rootOf(fromDir);
    for (let dir = fromDir; ; dir = dirname(dir)) {
      const found = this.lookup(dir, relative) ?? this.lookup(`${dir}/src`, relative);
      if (found) return found;
      if (dir === root || dir === '' || dir === '/' || dirname(dir) === dir) break;
    }
    return null;
  }

  /** The module a file defines, relative to the workspace root holding it (`pkg.sub.mod`). */
  moduleNameOf(uri: string): string | null {
    const path = uriPath(uri);
    const root = this.rootOf(dirname(path));
    if (root === null || !path.endsWith('.py')) return null;
    const relative = path.slice(root.length + 1, -3).replace(/^src\//, '');
    return relative
      .replace(/\/__init__$/, '')
      .split('/')
      .join('.');
  }

  /** The folder of `uri` relative to its workspace root, '' at the root. */
  folderOf(uri: string): string {
    const dir = dirname(uriPath(uri));
    const root = this.rootOf(dir);
    if (root === null) return dir;
    return dir === root ? '' : dir.slice(root.length + 1);
  }

  /** The file's path relative to its workspace root (the full path outside every root). */
  relativePathOf(uri: string): string {
    const path = uriPath(uri);
    const root = this.rootOf(dirname(path));
    return root === null ? path : path.slice(root.length + 1);
  }

  private lookup(dir: string, relative: string): string | null {
    if (!relative) return this.byPath.get(`${dir}/__init__.py`) ?? null;
    return (
      this.byPath.get(`${dir}/${relative}.py`) ?? this.byPath.get(`${dir}/${relative}/__init__.py`) ?? null
    );
  }

  private rootOf(dir: string): string | null {
    let best: string | null = null;
    for (const root of this.roots) {
      if ((dir === root || dir.startsWith(`${root}/`)) && (best === null || root.length > best.length))
        best = root;
    }
    return best;
  }
}

/** The path part of a `file:` URI (percent-decoding left alone: both sides use the same form). */
export function uriPath(uri: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)$/i.exec(uri);
  const path = match?.[1] ?? uri;
  const hash = path.search(/[?#]/);
  return hash === -1 ? path : path.slice(0, hash);
}

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? (path.startsWith('/') ? '/' : '') : path.slice(0, slash);
}

function stripSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
