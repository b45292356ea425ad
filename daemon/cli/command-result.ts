/** What a daemon CLI command hands back to the dispatcher: text for stdout and stderr. */
import type { DaemonClient } from './daemon-client.ts';
import type { ParsedCommand } from './cli-args.ts';

export interface CommandResult {
  stdout: string;
  /** Warnings that do not fail the command. */
  stderr?: string;
  /** 1 when the command ran but its outcome is a failure (a deployment rolled back); default 0. */
  exitCode?: 0 | 1;
}

export type CliCommand = (parsed: ParsedCommand, client: DaemonClient) => Promise<CommandResult>;

export function jsonResult(value: unknown): CommandResult {
  return { stdout: JSON.stringify(value, null, 2) };
}
