/**
 * What a scorecard fix becomes in a terminal (no `vscode` import): a `mlops-lens …` command runs
 * the daemon bundle the extension ships, with the Node it starts the daemon with and its data
 * directory (before the arguments, so a trailing placeholder ends the line); it is executed at
 * once only when it has no placeholders to replace first.
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
/** Command groups whose second word is a subcommand: `--data-dir` goes after it. */
const GROUPS = new Set(['runs', 'models', 'deploy', 'ab']);

/** POSIX shell quoting: bare when safe, else single quotes. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

export function terminalCommand(fix: FixView, cli: CliLocation): TerminalCommand | undefined {
  const command = fix.command;
  if (command === undefined) return undefined;
  if (!command.startsWith(CLI_PREFIX)) return { text: command, execute: fix.placeholders.length === 0 };
  // `--data-dir` goes before the arguments, so a placeholder at the end is at the end of the line.
  const words = command.slice(CLI_PREFIX.length).split(' ');
  const head = words.splice(0, GROUPS.has(words[0] ?? '') ? 2 : 1);
  const text = [
    shellQuote(cli.node),
    shellQuote(cli.script),
    ...head,
    '--data-dir',
    shellQuote(cli.dataDir),
    ...words,
  ].join(' ');
  return { text, execute: fix.placeholders.length === 0 };
}
