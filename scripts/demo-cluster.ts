// `npm run demo:cluster`: the GPU cluster demo. Starts the fake Kubernetes API server with its
// seeded GPU cluster, a DCGM-style exporter scraped by real Prometheus (Debian's `prometheus`),
// and a daemon on .cache/demo-cluster watching that context (marked production) with that
// Prometheus; then opens code-server on the example with the extension, like `npm start`.
// Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { CHURN_API_PEAK_MIB, DEMO_CONTEXT, startGpuClusterDemo } from '../test/demo/gpu-cluster-demo.ts';

const root = path.dirname(import.meta.dirname);
const dataDir = path.join(root, '.cache', 'demo-cluster');
rmSync(dataDir, { recursive: true, force: true });

const demo = await startGpuClusterDemo(dataDir);
process.stdout.write(
  [
    `== fake cluster: context ${DEMO_CONTEXT} (kubeconfig ${demo.kubeconfig})`,
    `== Prometheus:   ${demo.prometheusUrl} (scraping the DCGM-style exporter; churn-api peak ${CHURN_API_PEAK_MIB} MiB)`,
    `== daemon:       ${demo.daemonUrl} (data ${dataDir})`,
    '',
  ].join('\n'),
);
const editor = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--editor-only'], {
  stdio: 'inherit',
  env: { ...process.env, MLOPS_LENS_DATA_DIR: dataDir, KUBECONFIG: demo.kubeconfig },
});
const stop = (): void => {
  if (editor.exitCode === null) editor.kill('SIGTERM');
  void demo.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
editor.once('exit', stop);
