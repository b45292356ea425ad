import ignore from 'ignore';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Analyzer } from '../engine/analyzer.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import { DEFAULT_CONFIG, loadConfig } from '../config/load-config.ts';
import { CONFIG_FILE_NAME } from '../config/model.ts';
import type { WorkspaceFileSystem } from './file-system.ts';
import { IncrementalAnalysis } from './incremental-analysis.ts';
import type { Logger } from './logger.ts';

const CONFIG_FILE_NAMES = [CONFIG_FILE_NAME, '.mlops-lens.yml'];

/** A workspace folder with its configuration and the analysis built from it. */
export interface FolderState {
  /** The folder URI without a trailing slash; undefined for files outside every folder. */
  readonly uri: string | undefined;
  readonly path: string | undefined;
  readonly config: LoadedConfig;
  readonly analysis: IncrementalAnalysis;
  /** Whether the configuration's `ignore` globs exclude this file. */
  ignores(uri: string): boolean;
}

/** The file path of a `file:` URI, or undefined for other schemes. */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function fileUriOf(filePath: string): string {
  return pathToFileURL(filePath).href;
}

function folderState(uri: string | undefined, config: LoadedConfig): FolderState {
  const analyzer = new Analyzer({ config, workspaceRoot: uri });
  const globs = config.config.ignore ?? [];
  const excluded = globs.length > 0 ? ignore().add([...globs]) : undefined;
  return {
    uri,
    path: uri ? filePathOf(uri) : undefined,
    config,
    analysis: new IncrementalAnalysis(analyzer),
    ignores(fileUri) {
      const relative = analyzer.relativePath(fileUri);
      return excluded !== undefined && relative !== undefined && excluded.ignores(relative);
    },
  };
}

/** The workspace folders, each with its `.mlops-lens.yaml` loaded. */
export class WorkspaceFolders {
  private readonly fs: WorkspaceFileSystem;
  private readonly logger: Logger;
  private folderUris: string[] = [];
  private states: FolderState[] = [];
  private readonly outside = folderState(undefined, DEFAULT_CONFIG);

  constructor(fs: WorkspaceFileSystem, logger: Logger) {
    this.fs = fs;
    this.logger = logger;
  }

  get folders(): readonly FolderState[] {
    return this.states;
  }

  setFolders(uris: readonly string[]): void {
    this.folderUris = uris.map((uri) => uri.replace(/\/$/, ''));
    this.states = this.folderUris.map((uri) => folderState(uri, DEFAULT_CONFIG));
  }

  /** (Re)loads every folder's configuration; `openText` supplies unsaved editor text. */
  async reload(openText: (uri: string) => string | undefined): Promise<void> {
    this.states = await Promise.all(this.folderUris.map((uri) => this.load(uri, openText)));
  }

  /** The innermost folder that contains the file, else the default state for loose files. */
  folderFor(uri: string): FolderState {
    let best: FolderState | undefined;
    for (const state of this.states) {
      if (state.uri !== undefined && uri.startsWith(`${state.uri}/`)) {
        if (!best || (best.uri?.length ?? 0) < state.uri.length) best = state;
      }
    }
    return best ?? this.outside;
  }

  private async load(uri: string, openText: (uri: string) => string | undefined): Promise<FolderState> {
    const folderPath = filePathOf(uri);
    if (folderPath === undefined) return folderState(uri, DEFAULT_CONFIG);
    for (const name of CONFIG_FILE_NAMES) {
      const configUri = `${uri}/${name}`;
      let text = openText(configUri);
      if (text === undefined) {
        try {
          text = await this.fs.readFile(path.join(folderPath, name));
        } catch {
          continue;
        }
      }
      try {
        return folderState(uri, loadConfig(configUri, text));
      } catch (error) {
        this.logger.error(`Could not load ${configUri}; using the defaults.`, error);
        return folderState(uri, DEFAULT_CONFIG);
      }
    }
    return folderState(uri, DEFAULT_CONFIG);
  }
}
