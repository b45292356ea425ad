/**
 * The user's kubeconfig, read with @kubernetes/client-node: the files of `$KUBECONFIG` (merged,
 * as kubectl merges them) or `~/.kube/config`, and a KubeConfig of one context for its
 * connection. A server given as plain `http://` (kubectl proxy, a local test cluster) has no TLS
 * to verify; the library refuses such a server unless told to skip verification, so the
 * per-context config says so.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

export interface KubeconfigRead {
  files: string[];
  config: KubeConfig | undefined;
  error?: string;
}

/** The kubeconfig files in effect: `$KUBECONFIG` entries that exist, else `~/.kube/config`. */
export function kubeconfigFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = (env.KUBECONFIG ?? '').split(path.delimiter).filter((f) => f !== '');
  const candidates = listed.length > 0 ? listed : [path.join(homedir(), '.kube', 'config')];
  return [...new Set(candidates)].filter((f) => existsSync(f));
}

export function readKubeconfig(files: readonly string[]): KubeconfigRead {
  if (files.length === 0) return { files: [], config: undefined };
  const config = new KubeConfig();
  try {
    for (const [i, file] of files.entries()) {
      if (i === 0) {
        config.loadFromFile(file);
      } else {
        const more = new KubeConfig();
        more.loadFromFile(file);
        config.mergeConfig(more, true);
      }
    }
  } catch (error) {
    return {
      files: [...files],
      config: undefined,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  return { files: [...files], config };
}

/** A KubeConfig holding only `context`, as its current context; undefined when it is not there. */
export function contextConfig(config: KubeConfig, context: string): KubeConfig | undefined {
  const entry = config.getContextObject(context);
  const cluster = entry ? config.getCluster(entry.cluster) : null;
  if (!entry || !cluster) return undefined;
  const user = entry.user ? config.getUser(entry.user) : null;
  const single = new KubeConfig();
  single.loadFromOptions({
    clusters: [{ ...cluster, skipTLSVerify: cluster.skipTLSVerify || cluster.server.startsWith('http:') }],
    users: user ? [user] : [],
    contexts: [entry],
    currentContext: context,
  });
  return single;
}
