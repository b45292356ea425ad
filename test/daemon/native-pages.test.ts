import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  NATIVE_API_PREFIX,
  type ErrorResponse,
  type ModelPageResponse,
  type ModelSummary,
  type Run,
  type RunPageResponse,
  type RunSummary,
} from '../../daemon/api/contract.ts';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';
import { logTrainingRun, registerVersion } from './training-run.ts';

describe('native paginated lists', () => {
  let daemon: TestDaemon;
  let experimentId: string;
  const runIds: string[] = [];
  before(async () => {
    daemon = await startTestDaemon();
    const experiment = await daemon.mlflow('POST', 'experiments/create', { name: 'pages' });
    experimentId = (experiment.json as { experiment_id: string }).experiment_id;
    // Start times 1000..1005, two runs sharing 1003: the run id breaks the tie.
    for (const [i, start] of [1000, 1001, 1002, 1003, 1003, 1004, 1005].entries()) {
      const res = await daemon.mlflow('POST', 'runs/create', {
        experiment_id: experimentId,
        run_name: `run-${i}`,
        start_time: start,
      });
      runIds.push((res.json as { run: Run }).run.info.run_id);
    }
    await daemon.mlflow('POST', 'runs/log-batch', {
      run_id: runIds[6],
      metrics: ['accuracy', 'f1', 'loss', 'precision', 'recall', 'system/cpu_utilization_percentage'].map(
        (key, i) => ({ key, value: i === 2 ? 'NaN' : i / 10, timestamp: 1, step: 3 }),
      ),
    });
    await daemon.mlflow('POST', 'runs/delete', { run_id: runIds[0] });
  });
  after(async () => daemon.close());

  const runPage = async (query: Record<string, string | string[]>) => {
    const res = await daemon.call('GET', `${NATIVE_API_PREFIX}/runs`, { query });
    assert.equal(res.status, 200, res.text);
    return res.json as RunPageResponse;
  };

  it('lists an experiment’s active runs newest first, page by page, even while runs are added', async () => {
    const seen: RunSummary[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await runPage({
        experiment_id: experimentId,
        max_results: '2',
        ...(token === undefined ? {} : { page_token: token }),
      });
      seen.push(...page.runs);
      token = page.next_page_token;
      pages += 1;
      // A newer run arriving between pages does not shift the pages that follow.
      if (pages === 1)
        await daemon.mlflow('POST', 'runs/create', { experiment_id: experimentId, start_time: 2000 });
    } while (token !== undefined);
    assert.equal(pages, 3);
    const tied = [runIds[3], runIds[4]].sort().reverse();
    assert.deepEqual(
      seen.map((r) => r.run_id),
      [runIds[6], runIds[5], ...tied, runIds[2], runIds[1]],
    );
    assert.equal(seen[0]?.status, 'RUNNING');
    assert.deepEqual(seen[0]?.key_metrics, [
      { key: 'accuracy', value: 0, step: 3 },
      { key: 'f1', value: 0.1, step: 3 },
      { key: 'loss', value: 'NaN', step: 3 },
      { key: 'precision', value: 0.3, step: 3 },
    ]);
    const chosen = await runPage({
      experiment_id: experimentId,
      max_results: '2',
      metric_key: ['recall', 'loss'],
    });
    assert.equal(chosen.runs[1]?.run_id, runIds[6], 'behind the run created at 2000');
    assert.deepEqual(
      chosen.runs[1]?.key_metrics.map((m) => m.key),
      ['loss', 'recall'],
    );
  });

  it('refuses bad tokens, sizes and experiments with MLflow-shaped errors', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ experiment_id: experimentId, page_token: 'bm9wZQ' }, 400, 'INVALID_PARAMETER_VALUE'],
      [{ experiment_id: experimentId, max_results: '0' }, 400, 'INVALID_PARAMETER_VALUE'],
      [{ experiment_id: '999' }, 404, 'RESOURCE_DOES_NOT_EXIST'],
      [{}, 400, 'INVALID_PARAMETER_VALUE'],
    ];
    for (const [query, status, code] of cases) {
      const res = await daemon.call('GET', `${NATIVE_API_PREFIX}/runs`, { query });
      assert.equal(res.status, status, JSON.stringify(query));
      assert.equal((res.json as ErrorResponse).error_code, code);
    }
    const models = await daemon.call('GET', `${NATIVE_API_PREFIX}/models`, { query: { page_token: '%%' } });
    assert.equal(models.status, 400);
  });

  it('lists models by name with their newest versions, aliases and provenance badges', async () => {
    const good = await logTrainingRun(daemon);
    const bare = await logTrainingRun(daemon, { gitCommit: '', dataset: false });
    for (const name of ['delta', 'alpha', 'echo', 'charlie']) {
      await daemon.mlflow('POST', 'registered-models/create', { name });
    }
    for (const training of [good, good, good, bare, good]) await registerVersion(daemon, 'bravo', training);
    await daemon.mlflow('POST', 'registered-models/alias', {
      name: 'bravo',
      alias: 'production',
      version: '4',
    });

    const seen: ModelSummary[] = [];
    let token: string | undefined;
    do {
      const res = await daemon.call('GET', `${NATIVE_API_PREFIX}/models`, {
        query: { max_results: '2', ...(token === undefined ? {} : { page_token: token }) },
      });
      assert.equal(res.status, 200, res.text);
      const page = res.json as ModelPageResponse;
      seen.push(...page.models);
      token = page.next_page_token;
    } while (token !== undefined);
    assert.deepEqual(
      seen.map((m) => m.name),
      ['alpha', 'bravo', 'charlie', 'delta', 'echo'],
    );
    const bravo = seen[1];
    assert.deepEqual(bravo?.aliases, [{ alias: 'production', version: '4' }]);
    assert.deepEqual(
      bravo?.latest_versions.map((v) => [v.version, v.aliases.join(','), v.provenance]),
      [
        ['5', '', 'complete'],
        ['4', 'production', 'incomplete'],
        ['3', '', 'complete'],
      ],
    );
    assert.equal(bravo?.latest_versions[0]?.run_id, good.run.info.run_id);
  });
});
