import type { Finding, Note } from '../engine/types.ts';

/** What one `check` run found, handed to the output formats. */
export interface CheckResult {
  /** The folder relative paths are shown from (and SARIF's %SRCROOT%). */
  readonly root: string;
  readonly files: readonly string[];
  readonly findings: readonly Finding[];
  readonly notes: readonly Note[];
  readonly fixesApplied: number;
}
