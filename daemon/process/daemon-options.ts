/** Flags of `mlops-lens daemon`, with per-user defaults. */
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DAEMON_PORT, type ProvenanceGateMode } from '../api/contract.ts';

export interface DaemonOptions {
  dataDir: string;
  port: number;
  host: string;
  provenanceGate: ProvenanceGateMode;
  /** How long a shutdown may wait for requests, streams and imports before it drops them. */
  shutdownTimeoutMs: number;
  help: boolean;
}

export const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 10;

const PROVENANCE_GATE_MODES: readonly ProvenanceGateMode[] = ['off', 'warn', 'refuse'];

export const DAEMON_USAGE = `Usage: mlops-lens daemon [--data-dir DIR] [--port N] [--host ADDRESS]
                         [--provenance-gate off|warn|refuse] [--shutdown-timeout S]

  --data-dir DIR   where the database, artifacts, token and log live
                   (default: $MLOPS_LENS_DATA_DIR, else the per-user data folder)
  --port N         TCP port (default ${DEFAULT_DAEMON_PORT}; 0 picks a free port)
  --host ADDRESS   address to listen on (default 127.0.0.1). Anything but loopback
                   exposes the daemon to the network and prints a warning.
  --provenance-gate MODE
                   model versions registered without a git commit or a training
                   dataset: 'warn' tags them (default), 'refuse' rejects them, 'off'
  --shutdown-timeout S
                   on SIGTERM or Ctrl-C, how many seconds to let requests in flight
                   and imports finish before dropping them (default ${DEFAULT_SHUTDOWN_TIMEOUT_SECONDS})
`;

export const LOOPBACK_ADDRESSES: readonly string[] = ['127.0.0.1', 'localhost', '::1'];

/** The per-user data folder of the platform, as XDG, macOS and Windows define it. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.MLOPS_LENS_DATA_DIR !== undefined && env.MLOPS_LENS_DATA_DIR !== '') return env.MLOPS_LENS_DATA_DIR;
  if (platform === 'win32')
    return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'mlops-lens');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'mlops-lens');
  const xdg = env.XDG_DATA_HOME;
  return path.join(
    xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(home, '.local', 'share'),
    'mlops-lens',
  );
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseDaemonOptions(args: string[], env: NodeJS.ProcessEnv = process.env): DaemonOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'provenance-gate': { type: 'string' },
        'shutdown-timeout': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const portText = values.port ?? String(DEFAULT_DAEMON_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new UsageError(`--port must be 0..65535, not '${portText}'`);
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir(env));
  const gate = values['provenance-gate'] ?? 'warn';
  const provenanceGate = PROVENANCE_GATE_MODES.find((mode) => mode === gate);
  if (provenanceGate === undefined)
    throw new UsageError(`--provenance-gate must be off, warn or refuse, not '${gate}'`);
  const timeoutText = values['shutdown-timeout'] ?? String(DEFAULT_SHUTDOWN_TIMEOUT_SECONDS);
  const timeoutSeconds = Number(timeoutText);
  if (!/^\d+(\.\d+)?$/.test(timeoutText) || timeoutSeconds <= 0 || timeoutSeconds > 3600)
    throw new UsageError(`--shutdown-timeout must be seconds above 0 and at most 3600, not '${timeoutText}'`);
  return {
    dataDir,
    port,
    host: values.host ?? '127.0.0.1',
    provenanceGate,
    shutdownTimeoutMs: Math.round(timeoutSeconds * 1000),
    help: values.help ?? false,
  };
}
