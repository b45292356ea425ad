/** Flag parsing shared by the daemon CLI commands: `--data-dir`, `--json`, `--help` and their own. */
import path from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { defaultDataDir } from '../process/daemon-options.ts';
import { usageFailure } from './cli-failure.ts';

export interface ParsedCommand {
  dataDir: string;
  json: boolean;
  help: boolean;
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

const COMMON_OPTIONS: ParseArgsOptionsConfig = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export function parseCommand(
  args: readonly string[],
  options: ParseArgsOptionsConfig,
  env: NodeJS.ProcessEnv = process.env,
): ParsedCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...COMMON_OPTIONS, ...options },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw usageFailure(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values as ParsedCommand['values'];
  const dataDir = values['data-dir'];
  return {
    dataDir: path.resolve(typeof dataDir === 'string' ? dataDir : defaultDataDir(env)),
    json: values.json === true,
    help: values.help === true,
    positionals: parsed.positionals,
    values,
  };
}

export function stringFlag(parsed: ParsedCommand, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function positiveIntFlag(parsed: ParsedCommand, name: string, fallback: number, max: number): number {
  const text = stringFlag(parsed, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max)
    throw usageFailure(`--${name} must be an integer from 1 to ${max}, not '${text}'`);
  return value;
}

/** Exactly `names.length` positionals, or a usage failure naming the missing one. */
export function positionals(parsed: ParsedCommand, names: readonly string[]): string[] {
  const given = parsed.positionals;
  if (given.length < names.length) throw usageFailure(`missing <${names[given.length] ?? ''}>`);
  if (given.length > names.length) throw usageFailure(`unexpected argument '${given[names.length] ?? ''}'`);
  return given;
}
