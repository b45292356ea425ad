/**
 * A child process for `bench/metrics.bench.ts`: the DCGM fixture exporting a GPU fleet (NODES
 * nodes of 8 GPUs, two of them split into seven 1g.10gb MIG slices each, every slice held by a
 * serving pod), so that rendering scrapes does not count against the measured process. Prints
 * `<port> <slices>` once it listens.
 */
import { DcgmExporterFixture } from '../test/metrics/dcgm-exporter-fixture.ts';

const nodes = Number(process.argv[2] ?? 500);
const exporter = new DcgmExporterFixture();
let slices = 0;
for (let node = 0; node < nodes; node++) {
  for (let gpu = 0; gpu < 8; gpu++) {
    const base = { gpu: String(gpu), uuid: `GPU-${node}-${gpu}`, hostname: `gpu-node-${node}` };
    const instances = gpu < 2 ? [7, 8, 9, 11, 12, 13, 14] : [undefined];
    for (const instance of instances) {
      const workload = `model-${(node * 8 + gpu) % 200}`;
      exporter.set(
        {
          ...base,
          ...(instance === undefined ? {} : { mig: { profile: '1g.10gb', instance: String(instance) } }),
          pod: {
            namespace: 'serving',
            pod: `${workload}-7d9c5b6f4-${slices.toString(36).padStart(5, 'b')}`,
            container: 'server',
          },
        },
        { utilPercent: slices % 100, fbUsedMiB: 1000 + (slices % 9000), fbFreeMiB: 500 },
      );
      slices++;
    }
  }
}
await exporter.start();
process.stdout.write(`${exporter.port} ${slices}\n`);
process.on('SIGTERM', () => {
  void exporter.stop().then(() => process.exit(0));
});
