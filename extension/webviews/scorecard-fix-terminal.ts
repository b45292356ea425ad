/**
 * What a scorecard fix becomes in a terminal (no `vscode` import): a `mlops-lens …` command runs
 * the daemon bundle the extension ships, with the Node it starts the daemon with and its data
 * directory; it is executed at once only when it has no placeholders to replace first.
 */
import type { FixView } from '../../webviews/scorecard/contract.ts';

export interface CliLocation {
  /** The Node executable (the `mlopsLens.daemon.nodePath` setting, else `node`). */
  readonly node: string;
  /** The extension's `dist/daemon.js`. */
  readonly script: string;
  readonly dataDir: string;
}

export interface TerminalCommand {
  readonly text: string;
  /** Press Enter: false while placeholders wait to be replaced. */
  readonly execute: boolean;
}

const CLI_PREFIX = 'mlops-lens ';

/** POSIX shell quoting: bare when safe, else single quotes. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

export function terminalCommand(fix: FixView, cli: CliLocation): TerminalCommand | undefined {
  const command = fix.command;
  if (command === undefined) return undefined;
  const text = command.startsWith(CLI_PREFIX)
    ? `${shellQuote(cli.node)} ${shellQuote(cli.script)} ${command.slice(CLI_PREFIX.length)} --data-dir ${shellQuote(cli.dataDir)}`
    : command;
  return { text, execute: fix.placeholders.length === 0 };
}
