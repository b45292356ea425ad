/**
 * The runs compare webview's pure parts: aligning histories into uPlot series, the params diff,
 * message validation, turning the daemon's runs and histories into the webview's payload, and
 * which runs a Runs view selection names.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Metric, Run } from '../../daemon/api/contract.ts';
import type { RunsNode } from '../../extension/views/runs-tree.ts';
import { selectedRunIds } from '../../extension/webviews/run-selection.ts';
import { compareRunOf, loadComparison, metricHistoryOf } from '../../extension/webviews/runs-compare-data.ts';
import { parseHostMessage, parseWebviewMessage } from '../../webviews/runs-compare/contract.ts';
import type { CompareRun, MetricHistory } from '../../webviews/runs-compare/contract.ts';
import { paramsDiff } from '../../webviews/runs-compare/params-diff.ts';
import { buildSeries, metricKeys } from '../../webviews/runs-compare/series.ts';
import { CHART_COLOR_VARIABLES, seriesStyle } from '../../webviews/runs-compare/series-style.ts';

function run(runId: string, params: Record<string, string>): CompareRun {
  return {
    runId,
    name: runId,
    status: 'FINISHED',
    experimentId: '1',
    startTime: 0,
    params,
    metrics: {},
    tags: {},
  };
}

const RUNS = [run('a', { lr: '0.1', model: 'lr' }), run('b', { lr: '0.01', model: 'lr' }), run('c', {})];
const HISTORIES: MetricHistory[] = [
  { runId: 'a', key: 'loss', steps: [0, 10, 20], values: [1, 0.5, 0.25] },
  { runId: 'b', key: 'loss', steps: [0, 5, 20], values: [2, null, 0.5] },
  { runId: 'a', key: 'auc', steps: [20], values: [0.9] },
];

describe('runs compare series', () => {
  it('aligns every run on the union of steps: unlogged steps are undefined, NaN is null', () => {
    const series = buildSeries(RUNS, HISTORIES, 'loss');
    assert.deepEqual(series.runIds, ['a', 'b']);
    assert.deepEqual(series.steps, [0, 5, 10, 20]);
    assert.deepEqual(series.ys[0], [1, undefined, 0.5, 0.25]);
    assert.deepEqual(series.ys[1], [2, null, undefined, 0.5]);
  });

  it('leaves out runs without the metric, keeps the runs order, lists metric keys sorted', () => {
    const series = buildSeries([RUNS[1] as CompareRun, RUNS[0] as CompareRun], HISTORIES, 'auc');
    assert.deepEqual(series.runIds, ['a']);
    assert.deepEqual(series.steps, [20]);
    assert.deepEqual(metricKeys(HISTORIES), ['auc', 'loss']);
    assert.deepEqual(buildSeries(RUNS, HISTORIES, 'missing'), {
      key: 'missing',
      runIds: [],
      steps: [],
      ys: [],
    });
  });

  it('gives runs theme colours, then dash patterns once the palette is used up', () => {
    assert.deepEqual(seriesStyle(0), { colorVariable: '--vscode-charts-blue', dash: [] });
    const next = seriesStyle(CHART_COLOR_VARIABLES.length);
    assert.equal(next.colorVariable, '--vscode-charts-blue');
    assert.notDeepEqual(next.dash, []);
  });
});

describe('runs compare params diff', () => {
  it('marks params that differ or are missing, and lists them first', () => {
    assert.deepEqual(paramsDiff(RUNS), [
      { key: 'lr', values: ['0.1', '0.01', undefined], differs: true },
      { key: 'model', values: ['lr', 'lr', undefined], differs: true },
    ]);
    assert.deepEqual(paramsDiff(RUNS.slice(0, 2)), [
      { key: 'lr', values: ['0.1', '0.01'], differs: true },
      { key: 'model', values: ['lr', 'lr'], differs: false },
    ]);
  });
});

describe('runs compare protocol', () => {
  const payload = { runs: RUNS, histories: HISTORIES, maxPoints: 1000 };

  it('accepts a well-formed comparison and refuses malformed ones whole', () => {
    assert.deepEqual(parseHostMessage({ type: 'compare', payload }), { type: 'compare', payload });
    const badHistory = { ...HISTORIES[0], values: [1, 'NaN', 2] };
    assert.equal(
      parseHostMessage({ type: 'compare', payload: { ...payload, histories: [badHistory] } }),
      undefined,
    );
    const uneven = { ...HISTORIES[0], steps: [0, 1] };
    assert.equal(
      parseHostMessage({ type: 'compare', payload: { ...payload, histories: [uneven] } }),
      undefined,
    );
    const badRun = { ...RUNS[0], params: { lr: 0.1 } };
    assert.equal(parseHostMessage({ type: 'compare', payload: { ...payload, runs: [badRun] } }), undefined);
    assert.equal(parseHostMessage({ type: 'compare', payload: { runs: RUNS, histories: [] } }), undefined);
    assert.equal(parseHostMessage({ type: 'graph', payload }), undefined);
    assert.deepEqual(parseHostMessage({ type: 'error', payload: { message: 'no daemon' } }), {
      type: 'error',
      payload: { message: 'no daemon' },
    });
  });

  it('accepts only the webview messages it knows', () => {
    assert.equal(parseWebviewMessage({ type: 'initialized' }), undefined, 'the shared handshake owns it');
    assert.deepEqual(parseWebviewMessage({ type: 'showLineage', payload: { runId: 'a' } }), {
      type: 'showLineage',
      payload: { runId: 'a' },
    });
    assert.equal(parseWebviewMessage({ type: 'showLineage', payload: {} }), undefined);
    assert.equal(parseWebviewMessage({ type: 'eval', payload: 'alert(1)' }), undefined);
  });
});

describe('runs compare data from the daemon', () => {
  const daemonRun: Run = {
    info: {
      run_id: 'r1',
      run_uuid: 'r1',
      run_name: 'rare-wren',
      experiment_id: '3',
      user_id: 'me',
      status: 'FINISHED',
      start_time: 1000,
      end_time: 5000,
      artifact_uri: '',
      lifecycle_stage: 'active',
    },
    data: {
      metrics: [{ key: 'loss', value: 'NaN', timestamp: 1, step: 3 }],
      params: [{ key: 'lr', value: '0.1' }],
      tags: [{ key: 'team', value: 'churn' }],
    },
    inputs: { dataset_inputs: [] },
  };

  it('turns a run and its history into the webview types, NaN as null, in step order', () => {
    assert.deepEqual(compareRunOf(daemonRun), {
      runId: 'r1',
      name: 'rare-wren',
      status: 'FINISHED',
      experimentId: '3',
      startTime: 1000,
      endTime: 5000,
      params: { lr: '0.1' },
      metrics: { loss: null },
      tags: { team: 'churn' },
    });
    const points: Metric[] = [
      { key: 'loss', value: 0.5, timestamp: 2, step: 2 },
      { key: 'loss', value: 'NaN', timestamp: 1, step: 1 },
    ];
    assert.deepEqual(metricHistoryOf('r1', 'loss', points), {
      runId: 'r1',
      key: 'loss',
      steps: [1, 2],
      values: [null, 0.5],
    });
  });

  it('asks the daemon for each run and each of its metrics with max_points', async () => {
    const asked: string[] = [];
    const get = <T>(pathAndQuery: string): Promise<T> => {
      asked.push(pathAndQuery);
      const body = pathAndQuery.includes('runs/get')
        ? { run: daemonRun }
        : { metrics: [{ key: 'loss', value: 0.25, timestamp: 1, step: 7 }] };
      return Promise.resolve(body as T);
    };
    const payload = await loadComparison(get, ['r1'], 500);
    assert.deepEqual(asked, [
      '/api/2.0/mlflow/runs/get?run_id=r1',
      '/api/2.0/mlflow/metrics/get-history?run_id=r1&metric_key=loss&max_points=500',
    ]);
    assert.equal(payload.maxPoints, 500);
    assert.deepEqual(payload.histories, [{ runId: 'r1', key: 'loss', steps: [7], values: [0.25] }]);
    assert.ok(parseHostMessage({ type: 'compare', payload }), 'the payload passes the webview validation');
  });
});

describe('runs compare selection in the Runs view', () => {
  const node = (runId: string): RunsNode =>
    ({ kind: 'run', run: { info: { run_id: runId } } }) as unknown as RunsNode;

  it('takes the whole selection, else the clicked item, and only runs', () => {
    const experiment = { kind: 'experiment', experiment: { experiment_id: '1' } } as unknown as RunsNode;
    assert.deepEqual(selectedRunIds(node('a'), [node('a'), node('b'), experiment]), ['a', 'b']);
    assert.deepEqual(selectedRunIds(node('a'), []), ['a']);
    assert.deepEqual(selectedRunIds(node('a'), undefined), ['a']);
    assert.deepEqual(selectedRunIds(experiment, undefined), []);
    assert.deepEqual(selectedRunIds(undefined, undefined), []);
  });
});
