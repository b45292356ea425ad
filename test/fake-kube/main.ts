import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeKube } from './fake-kube-server.ts';
import { writeKubeconfig } from './kubeconfig.ts';

/**
 * Runs the fake cluster on its own: `node test/fake-kube/main.ts [port] [--large] [--http]` prints the
 * kubeconfig path, then serves until interrupted.
 */
const args = process.argv.slice(2);
const port = Number(args.find((a) => /^\d+$/.test(a)) ?? 0);
const plain = args.includes('--http');
const fake = await startFakeKube({ port, tls: !plain, token: plain ? null : undefined });
if (args.includes('--large')) {
  const { addLargeCluster } = await import('./large-cluster.ts');
  addLargeCluster(fake, { nodes: 5000, podsPerNode: 30 });
}
const kubeconfig = await writeKubeconfig(await mkdtemp(join(tmpdir(), 'fake-kube-')), fake);
process.stdout.write(`fake Kubernetes API server at ${fake.url}\nKUBECONFIG=${kubeconfig}\n`);
process.on('SIGINT', () => void fake.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
