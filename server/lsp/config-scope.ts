import ignore from 'ignore';
import type { LoadedConfig } from '../config/load-config.ts';
import { Analyzer } from '../engine/analyzer.ts';
import type { AnalyzerOptions } from '../engine/analyzer.ts';
import type { FilesView } from './files-view.ts';
import { IncrementalAnalysis } from './incremental-analysis.ts';
import { PythonSlot } from './python-slot.ts';

/**
 * The files one configuration applies to: those under the folder of a `.mlops-lens.yaml` (the
 * nearest one wins, as in the CLI), or under a workspace folder that has none.
 */
export interface ConfigScope {
  /** The folder the configuration's relative globs start from; undefined for loose files. */
  readonly rootUri: string | undefined;
  readonly config: LoadedConfig;
  readonly analysis: IncrementalAnalysis;
  /** The scope's other files, for cross-file rules; undefined for loose files. */
  readonly files: FilesView | undefined;
  /** The scope's Python files, loaded once the parser is ready; undefined for loose files. */
  readonly python: PythonSlot | undefined;
  /** Settles once the file list has been walked and the Python files are loaded. */
  readonly ready: Promise<void>;
  /** Whether the configuration's `ignore` globs exclude this file. */
  ignores(uri: string): boolean;
}

/**
 * Builds the analyzer of a scope. The server passes one in to add what is not in the
 * configuration (the daemon's live cluster context); tests pass one that misbehaves.
 */
export type AnalyzerFactory = (options: AnalyzerOptions) => Analyzer;

export const createAnalyzer: AnalyzerFactory = (options) => new Analyzer(options);

export function configScope(
  rootUri: string | undefined,
  config: LoadedConfig,
  analyzerFactory: AnalyzerFactory = createAnalyzer,
  files?: FilesView,
): ConfigScope {
  const python = files ? new PythonSlot() : undefined;
  const analyzer = analyzerFactory({
    config,
    workspaceRoot: rootUri,
    ...(files ? { workspace: files } : {}),
    ...(python ? { python } : {}),
  });
  const globs = config.config.ignore ?? [];
  const excluded = globs.length > 0 ? ignore().add([...globs]) : undefined;
  return {
    rootUri,
    config,
    analysis: new IncrementalAnalysis(analyzer),
    files,
    python,
    ready: files ? files.refresh().then(() => python?.load(files, config)) : Promise.resolve(),
    ignores(uri) {
      if (!excluded) return false;
      const relative = analyzer.relativePath(uri);
      return relative !== undefined && excluded.ignores(relative);
    },
  };
}
