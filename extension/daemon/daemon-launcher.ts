/**
 * Starts `mlops-lens daemon` for the extension: on a Node ≥ 22 (the `mlopsLens.daemon.nodePath`
 * setting, else `node` on the PATH), detached so it outlives this window, with its output in the
 * data directory. Ready means its discovery file appeared.
 */
import { execFile, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { readDiscovery } from '../../daemon/process/daemon-files.ts';

export type LaunchResult =
  | { readonly ok: true; readonly url: string }
  | { readonly ok: false; readonly reason: string; readonly fix: 'nodePath' | 'log' };

const READY_TIMEOUT_MS = 20_000;
/**
 * Node flags of the daemon process. A capped young generation keeps the daemon's memory near what
 * it holds: a cluster watcher's initial list of 150,000 pods otherwise grows V8's semi-spaces to
 * their default maximum and never gives that memory back (`npm run bench`, `clusters`).
 */
export const DAEMON_NODE_FLAGS = ['--max-semi-space-size=8'];

/** The major version of a Node executable, or undefined when it does not run. Never blocks. */
export function nodeMajor(node: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile(
      node,
      ['-p', 'process.versions.node'],
      { encoding: 'utf8', timeout: 10_000 },
      (error, stdout) => {
        const major = Number(String(stdout).trim().split('.')[0]);
        resolve(error || !Number.isInteger(major) ? undefined : major);
      },
    );
  });
}

export async function launchDaemon(options: {
  nodePath: string;
  script: string;
  dataDir: string;
}): Promise<LaunchResult> {
  const node = options.nodePath || 'node';
  const major = await nodeMajor(node);
  if (major === undefined) {
    return {
      ok: false,
      reason: `"${node}" does not run. The daemon needs Node.js 22 or newer.`,
      fix: 'nodePath',
    };
  }
  if (major < 22) {
    return {
      ok: false,
      reason: `"${node}" is Node.js ${major}; the daemon needs Node.js 22 or newer.`,
      fix: 'nodePath',
    };
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const logPath = path.join(options.dataDir, 'daemon.out.log');
  const out = openSync(logPath, 'a', 0o600);
  const child = spawn(
    node,
    [...DAEMON_NODE_FLAGS, options.script, 'daemon', '--data-dir', options.dataDir, '--port', '0'],
    {
      detached: true,
      stdio: ['ignore', out, out],
    },
  );
  closeSync(out);
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));
  child.unref();
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const discovery = readDiscovery(options.dataDir);
    if (discovery && discovery.pid === child.pid) return { ok: true, url: discovery.url };
    if (exitCode !== undefined) {
      // A second instance exits at once when another daemon holds the folder: use that one.
      const other = readDiscovery(options.dataDir);
      if (other) return { ok: true, url: other.url };
      return { ok: false, reason: `The daemon exited with code ${exitCode}; see ${logPath}.`, fix: 'log' };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    ok: false,
    reason: `The daemon did not become ready in ${READY_TIMEOUT_MS / 1000} s; see ${logPath}.`,
    fix: 'log',
  };
}
