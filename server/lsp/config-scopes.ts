import path from 'node:path';
import { DEFAULT_CONFIG, loadConfig } from '../config/load-config.ts';
import { CONFIG_FILE_NAME } from '../config/model.ts';
import type { FileEvent } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import type { LoadedConfig } from '../config/load-config.ts';
import type { AnalyzerFactory, ConfigScope } from './config-scope.ts';
import { configScope, createAnalyzer } from './config-scope.ts';
import { FilesView } from './files-view.ts';
import { isPythonUri } from './python-slot.ts';
import type { WorkspaceFileSystem } from './file-system.ts';
import { filePathOf, fileUriOf } from './file-uris.ts';
import type { Logger } from './logger.ts';

/**
 * Finds each file's configuration the way `mlops-lens check` does: the nearest
 * `.mlops-lens.yaml` in the file's folder or above, stopping at a repository root (`.git`).
 * Files without one use the defaults, rooted at their workspace folder. Lookups are cached
 * per folder until a configuration file changes; unsaved editor text wins over the disk.
 */
export class ConfigScopes {
  private readonly fs: WorkspaceFileSystem;
  private readonly logger: Logger;
  private readonly openText: (uri: string) => string | undefined;
  private readonly analyzerFactory: AnalyzerFactory;
  private folderUris: string[] = [];
  private readonly byDirectory = new Map<string, Promise<ConfigScope | undefined>>();
  private readonly resolved = new Map<string, ConfigScope>();
  private readonly byConfig = new Map<string, ConfigScope>();
  private readonly defaults = new Map<string | undefined, ConfigScope>();
  /** Bumped by `clear()`, so a lookup that straddles a change is not cached. */
  private generation = 0;

  constructor(
    fs: WorkspaceFileSystem,
    logger: Logger,
    openText: (uri: string) => string | undefined,
    analyzerFactory: AnalyzerFactory = createAnalyzer,
  ) {
    this.fs = fs;
    this.logger = logger;
    this.openText = openText;
    this.analyzerFactory = analyzerFactory;
  }

  get folders(): readonly string[] {
    return this.folderUris;
  }

  setFolders(uris: readonly string[]): void {
    this.folderUris = uris.map((uri) => uri.replace(/\/$/, ''));
    this.clear();
  }

  /** Forgets every lookup (a configuration file changed). */
  clear(): void {
    this.generation++;
    this.byDirectory.clear();
    this.resolved.clear();
    this.byConfig.clear();
    this.defaults.clear();
  }

  /** The configurations loaded so far, for reporting their own problems. */
  loadedConfigs(): ConfigScope[] {
    return [...this.byConfig.values()];
  }

  /** The file's scope if it was looked up since the last change, without waiting. */
  cached(uri: string): ConfigScope | undefined {
    const filePath = filePathOf(uri);
    return filePath === undefined ? this.defaultFor(uri) : this.resolved.get(path.dirname(filePath));
  }

  async scopeFor(uri: string): Promise<ConfigScope> {
    const filePath = filePathOf(uri);
    if (filePath === undefined) return this.defaultFor(uri);
    const directory = path.dirname(filePath);
    const generation = this.generation;
    const scope = (await this.lookup(directory)) ?? this.defaultFor(uri);
    await scope.ready.catch(() => undefined);
    if (generation === this.generation) this.resolved.set(directory, scope);
    return scope;
  }

  /**
   * Tells every scope which files changed on disk: its file view forgets them, its Python
   * session reads them again. Returns the files whose Python findings may have changed.
   */
  async filesChanged(events: readonly FileEvent[]): Promise<string[]> {
    const scopes = [...this.byConfig.values(), ...this.defaults.values()];
    const affected = await Promise.all(scopes.map((scope) => this.scopeFilesChanged(scope, events)));
    return affected.flat();
  }

  private async scopeFilesChanged(scope: ConfigScope, events: readonly FileEvent[]): Promise<string[]> {
    const { files, python } = scope;
    if (!files) return [];
    await files.filesChanged(events);
    const pythonEvents = events.filter((e) => isPythonUri(e.uri) && e.uri.startsWith(`${files.root}/`));
    if (!python || pythonEvents.length === 0) return [];
    if (!python.loaded) {
      await python.load(files, scope.config);
      return files.list().filter(isPythonUri);
    }
    return pythonEvents.flatMap((event) =>
      python.fileChanged(
        event.uri,
        event.type === FileChangeType.Deleted ? undefined : files.read(event.uri),
      ),
    );
  }

  private makeScope(rootUri: string | undefined, config: LoadedConfig): ConfigScope {
    const files =
      rootUri === undefined || filePathOf(rootUri) === undefined
        ? undefined
        : new FilesView(rootUri, this.fs, this.openText, config.config.ignore ?? []);
    const scope = configScope(rootUri, config, this.analyzerFactory, files);
    scope.ready.catch((error: unknown) =>
      this.logger.error(`Could not list the files of ${rootUri}.`, error),
    );
    return scope;
  }

  /** The defaults, rooted at the innermost workspace folder holding the file. */
  private defaultFor(uri: string): ConfigScope {
    let folder: string | undefined;
    for (const candidate of this.folderUris) {
      if (uri.startsWith(`${candidate}/`) && (folder === undefined || candidate.length > folder.length))
        folder = candidate;
    }
    let scope = this.defaults.get(folder);
    if (!scope) {
      scope = this.makeScope(folder, DEFAULT_CONFIG);
      this.defaults.set(folder, scope);
    }
    return scope;
  }

  private lookup(directory: string): Promise<ConfigScope | undefined> {
    let pending = this.byDirectory.get(directory);
    if (!pending) {
      pending = this.lookupUncached(directory);
      this.byDirectory.set(directory, pending);
    }
    return pending;
  }

  private async lookupUncached(directory: string): Promise<ConfigScope | undefined> {
    const file = path.join(directory, CONFIG_FILE_NAME);
    const uri = fileUriOf(file);
    let text = this.openText(uri);
    if (text === undefined && (await this.fs.stat(file)) !== undefined) {
      text = await this.fs.readFile(file).catch(() => undefined);
    }
    if (text !== undefined) return this.load(uri, directory, text);
    const parent = path.dirname(directory);
    if (parent === directory || (await this.fs.stat(path.join(directory, '.git'))) !== undefined)
      return undefined;
    return this.lookup(parent);
  }

  private load(uri: string, directory: string, text: string): ConfigScope {
    let scope = this.byConfig.get(uri);
    if (scope) return scope;
    try {
      scope = this.makeScope(fileUriOf(directory), loadConfig(uri, text));
    } catch (error) {
      this.logger.error(`Could not load ${uri}; using the defaults.`, error);
      scope = this.makeScope(fileUriOf(directory), { ...DEFAULT_CONFIG, uri });
    }
    this.byConfig.set(uri, scope);
    return scope;
  }
}
