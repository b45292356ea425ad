import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeKube, type FakeKube, type FakeKubeOptions } from './fake-kube-server.ts';
import { writeKubeconfig } from './kubeconfig.ts';

/** Debian's kubectl (package `kubernetes-client`), or another on the PATH. */
export const KUBECTL = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((path) => existsSync(path));

/** Why the kubectl proof tests cannot run here, or undefined when they can. */
export const kubectlMissing = KUBECTL
  ? undefined
  : 'kubectl is not installed (Debian package kubernetes-client; .ci/run installs it)';

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fake cluster over TLS with a token, and kubectl pointed at it with its own cache directory. */
export interface KubectlSession {
  fake: FakeKube;
  kubeconfig: string;
  run(args: readonly string[], stdin?: string): Promise<KubectlResult>;
  spawn(args: readonly string[]): ChildProcessWithoutNullStreams;
  close(): Promise<void>;
}

export async function startKubectlSession(options: FakeKubeOptions = {}): Promise<KubectlSession> {
  const fake = await startFakeKube({ tls: true, ...options });
  const home = await mkdtemp(join(tmpdir(), 'fake-kube-kubectl-'));
  const kubeconfig = await writeKubeconfig(home, fake);
  const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: kubeconfig };
  const binary = KUBECTL ?? 'kubectl';
  return {
    fake,
    kubeconfig,
    run: (args, stdin) =>
      new Promise((resolve) => {
        const child = execFile(binary, [...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
          const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
          resolve({ code, stdout, stderr });
        });
        if (stdin !== undefined) child.stdin?.end(stdin);
      }),
    spawn: (args) => spawn(binary, [...args], { env }),
    close: async () => {
      await fake.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** The rows of kubectl's table output, each split into its columns. */
export function tableRows(stdout: string): string[][] {
  return stdout
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s{2,}/));
}
