/**
 * Test harness: real Prometheus scraping the given fixtures, and a test daemon whose context
 * `lab` reads it (more settings may be given); `close` stops both (the fixtures are the test's).
 */
import assert from 'node:assert/strict';
import { startTestDaemon, type TestDaemon } from '../daemon/daemon-harness.ts';
import { startPrometheus, type PrometheusProcess, type ScrapeJob } from './prometheus-process.ts';

export const METRICS_API = '/api/mlops-lens/v1/metrics';
export const SCENE_CONTEXT = 'lab';

export interface MetricsScene {
  prometheus: PrometheusProcess;
  daemon: TestDaemon;
  close(): Promise<void>;
}

export async function startMetricsScene(options: {
  jobs: ScrapeJob[];
  daemon?: Parameters<typeof startTestDaemon>[0];
  settings?: Record<string, unknown>;
}): Promise<MetricsScene> {
  const prometheus = await startPrometheus(options.jobs);
  const daemon = await startTestDaemon(options.daemon);
  const put = await daemon.call('PUT', `${METRICS_API}/prometheus`, {
    body: { context: SCENE_CONTEXT, source: { kind: 'url', url: prometheus.url }, ...options.settings },
  });
  assert.equal(put.status, 200, put.text);
  return {
    prometheus,
    daemon,
    close: async () => {
      await daemon.close();
      await prometheus.close();
    },
  };
}
