/** Spawns the real `mlops-lens daemon` process (daemon/main.ts under Node's type stripping). */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendRequest, type HttpResult } from './daemon-harness.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DAEMON_MAIN = path.join(repoRoot, 'daemon', 'main.ts');

export interface SpawnedDaemon {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  readyLine: string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) when the process ends. */
  exited: Promise<number | string>;
}

export const BIN = path.join(repoRoot, 'bin', 'mlops-lens.js');
export const DAEMON_BUNDLE = path.join(repoRoot, 'dist', 'daemon.js');

/** Runs `mlops-lens daemon ARGS` from the sources, or through the bin and its bundle. */
export function spawnDaemonProcess(
  args: string[],
  entry: 'sources' | 'bundle' = 'sources',
): {
  child: ChildProcess;
  exited: Promise<number | string>;
  output: () => { stdout: string; stderr: string };
} {
  const script = entry === 'sources' ? DAEMON_MAIN : BIN;
  const child = spawn(process.execPath, [script, 'daemon', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { child, exited, output: () => ({ stdout, stderr }) };
}

/** Starts a daemon on a free port and waits for its ready line. */
export async function startDaemonProcess(
  dataDir: string,
  extraArgs: string[] = [],
  entry: 'sources' | 'bundle' = 'sources',
): Promise<SpawnedDaemon> {
  const { child, exited, output } = spawnDaemonProcess(
    ['--data-dir', dataDir, '--port', '0', ...extraArgs],
    entry,
  );
  const readyLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`daemon not ready in 20 s: ${JSON.stringify(output())}`)),
      20_000,
    );
    const check = (): void => {
      const line = output()
        .stdout.split('\n')
        .find((l) => /http:\/\/127\.0\.0\.1:\d+/.test(l));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve(line);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`daemon exited (${code}) before ready: ${JSON.stringify(output())}`));
    });
  });
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(readyLine)?.[0] ?? '';
  return {
    child,
    url,
    port: Number(new URL(url).port),
    token: readFileSync(path.join(dataDir, 'token'), 'utf8').trim(),
    readyLine,
    stderr: () => output().stderr,
    exited,
  };
}

/** One request to a spawned daemon, with its token and Host. */
export function callDaemon(
  daemon: SpawnedDaemon,
  method: string,
  urlPath: string,
  body?: unknown,
  query?: Record<string, string>,
): Promise<HttpResult> {
  return sendRequest(daemon.port, method, urlPath, {
    body,
    query,
    headers: { authorization: `Bearer ${daemon.token}`, host: `127.0.0.1:${daemon.port}` },
  });
}

/** Asks again until `accept` holds: work such as an import runs in the daemon, which reports nothing back. */
export async function askUntil(
  ask: () => Promise<HttpResult>,
  accept: (r: HttpResult) => boolean,
  what: string,
): Promise<HttpResult> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const reply = await ask();
    if (accept(reply)) return reply;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${reply.status} ${reply.text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
