/**
 * Test harness: Debian's real `prometheus` binary on a free loopback port, with its own config
 * and TSDB folder in a temp dir, scraping the given targets every second (or as told). Never a
 * system service.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freeLoopbackPort } from '../loopback-port.ts';

export const PROMETHEUS_BINARY = process.env.PROMETHEUS_BINARY ?? 'prometheus';

/**
 * Why the Prometheus tests cannot run here (printed, naming `tests`), or undefined when they can;
 * pass it as the suite's `skip`.
 */
export function prometheusMissing(tests: string): string | undefined {
  const probe = spawnSync(PROMETHEUS_BINARY, ['--version'], { encoding: 'utf8' });
  if (probe.error === undefined && probe.status === 0) return undefined;
  const reason = `the prometheus binary (${PROMETHEUS_BINARY}) is not installed; Debian: apt-get install prometheus`;
  console.log(`# skipping ${tests}: ${reason}`);
  return reason;
}

export interface ScrapeJob {
  job: string;
  targets: string[];
  /** Target labels, as Kubernetes service discovery gives them (`pod`, `namespace`). */
  labels?: Record<string, string>;
  /**
   * Keep the exporter's own labels where they clash with the target's (default true, as a
   * dcgm-exporter ServiceMonitor does); false renames the exporter's to `exported_*`.
   */
  honorLabels?: boolean;
}

export interface PrometheusProcess {
  url: string;
  port: number;
  /** Stops the process (Prometheus down); `restart` brings it back on the same port and data. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

function scrapeConfig(jobs: ScrapeJob[], scrapeSeconds: number): string {
  // JSON is YAML: no YAML writer needed for a config this small.
  return JSON.stringify({
    global: {
      scrape_interval: `${scrapeSeconds}s`,
      scrape_timeout: `${Math.round(scrapeSeconds * 800)}ms`,
      evaluation_interval: `${scrapeSeconds}s`,
    },
    scrape_configs: jobs.map((job) => ({
      job_name: job.job,
      honor_labels: job.honorLabels ?? true,
      static_configs: [{ targets: job.targets, labels: job.labels ?? {} }],
    })),
  });
}

export async function startPrometheus(jobs: ScrapeJob[], scrapeSeconds = 1): Promise<PrometheusProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-prometheus-'));
  const configFile = path.join(dir, 'prometheus.yml');
  writeFileSync(configFile, scrapeConfig(jobs, scrapeSeconds));
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';

  const launch = async (): Promise<void> => {
    output = '';
    const started = spawn(
      PROMETHEUS_BINARY,
      [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child = started;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (started.exitCode !== null) throw new Error(`prometheus exited ${started.exitCode}: ${output}`);
      const ready = await fetch(`${url}/-/ready`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`prometheus was not ready within 30 s: ${output}`);
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };

  await launch();
  return {
    url,
    port,
    stop,
    restart: launch,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
