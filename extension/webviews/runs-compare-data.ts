/**
 * Gathers what the runs compare webview shows: each run (runs/get) and the history of each of
 * its metrics, downsampled by the daemon (`max_points`). The request function is passed in, so
 * this has no `vscode` import and is unit tested.
 */
import { MLFLOW_API_PREFIX } from '../../daemon/api/contract.ts';
import type { Metric, MetricHistoryResponse, Run } from '../../daemon/api/contract.ts';
import type { ComparePayload, CompareRun, MetricHistory } from '../../webviews/runs-compare/contract.ts';

export type DaemonGet = <T>(pathAndQuery: string) => Promise<T>;

/** How many history requests are in flight at once. */
const CONCURRENCY = 8;

const numberOrNull = (value: Metric['value']): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

export function compareRunOf(run: Run): CompareRun {
  const pairs = (list: readonly { key: string; value: string }[]) =>
    Object.fromEntries(list.map((p) => [p.key, p.value]));
  return {
    runId: run.info.run_id,
    name: run.info.run_name,
    status: run.info.status,
    experimentId: run.info.experiment_id,
    startTime: run.info.start_time,
    ...(run.info.end_time !== undefined ? { endTime: run.info.end_time } : {}),
    params: pairs(run.data.params),
    metrics: Object.fromEntries(run.data.metrics.map((m) => [m.key, numberOrNull(m.value)])),
    tags: pairs(run.data.tags),
  };
}

export function metricHistoryOf(runId: string, key: string, metrics: readonly Metric[]): MetricHistory {
  const sorted = [...metrics].sort((a, b) => a.step - b.step || a.timestamp - b.timestamp);
  return {
    runId,
    key,
    steps: sorted.map((m) => m.step),
    values: sorted.map((m) => numberOrNull(m.value)),
  };
}

async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

export async function loadComparison(
  get: DaemonGet,
  runIds: readonly string[],
  maxPoints: number,
): Promise<ComparePayload> {
  const runs = await inBatches(runIds, async (runId) => {
    const { run } = await get<{ run: Run }>(
      `${MLFLOW_API_PREFIX}/runs/get?run_id=${encodeURIComponent(runId)}`,
    );
    return run;
  });
  const wanted = runs.flatMap((run) => run.data.metrics.map((m) => ({ runId: run.info.run_id, key: m.key })));
  const histories = await inBatches(wanted, async ({ runId, key }) => {
    const query = `run_id=${encodeURIComponent(runId)}&metric_key=${encodeURIComponent(key)}&max_points=${maxPoints}`;
    const { metrics = [] } = await get<MetricHistoryResponse>(
      `${MLFLOW_API_PREFIX}/metrics/get-history?${query}`,
    );
    return metricHistoryOf(runId, key, metrics);
  });
  return { runs: runs.map(compareRunOf), histories, maxPoints };
}
