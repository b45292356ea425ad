/**
 * What the analyzer needs of the Python side of a workspace. `PythonWorkspaceSession`
 * (server/python) provides it; the host (CLI, language server) keeps it current, because
 * Python facts are cross-file and the parser loads asynchronously.
 */
import type { PythonFileFacts } from '../python/facts/file-facts.ts';
import type { Report } from './types.ts';

export interface PythonFindings {
  facts(uri: string): PythonFileFacts | undefined;
  /** The findings that belong to `uri`: its own rules and its share of its pairs' rules. */
  findingsFor(uri: string): ReadonlyArray<Report & { readonly ruleId: string; readonly uri: string }>;
  /**
   * Called with the text about to be analysed, so a host can bring the session up to date
   * (for example between the passes of "fix all"). Hosts that track edits themselves omit it.
   */
  sync?(uri: string, text: string): void;
}
