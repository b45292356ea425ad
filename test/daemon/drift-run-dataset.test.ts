/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- wire tests read raw JSON replies and check them by value */
/**
 * Drift baselines from a run's logged dataset, over real HTTP and SQLite: the CSV is uploaded
 * to the daemon's artifact store, the run logs it with runs/log-inputs, and one POST to
 * drift/baselines with `from_run_dataset` summarises it, found by the dataset's source URI, by
 * its digest, or by an explicit artifact path. Each failure says what was wrong.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';

const API = '/api/mlops-lens/v1';
const ARTIFACTS = '/api/2.0/mlflow-artifacts/artifacts';
const CSV = 'age,city,label\n31,Paris,1\n45,Lyon,0\n,Paris,1\n28,Nice,0\n';

let daemon: TestDaemon;
let runId: string;
let root: string;

before(async () => {
  daemon = await startTestDaemon();
  const created = await daemon.mlflow('POST', 'runs/create', { experiment_id: '0', start_time: 1 });
  assert.equal(created.status, 200, created.text);
  runId = (created.json as { run: { info: { run_id: string; artifact_uri: string } } }).run.info.run_id;
  root = `0/${runId}/artifacts`;
  await upload('data/train.csv', CSV);
  await upload('data/by-digest.csv', CSV.replace('Lyon', 'Lille'));
  await upload('data/notes.txt', 'not a table');
  await upload('data/broken.parquet', 'PAR1 but not really');
  await upload('data/bad.csv', 'age,city\n31,Paris\n45\n');
  const sha = createHash('sha256').update(CSV.replace('Lyon', 'Lille')).digest('hex');
  const datasets = [
    {
      name: 'train',
      digest: 'abc',
      source_type: 'http',
      source: JSON.stringify({ uri: `mlflow-artifacts:/${root}/data/train.csv` }),
    },
    {
      name: 'by-digest',
      digest: sha.slice(0, 12),
      source_type: 'local',
      source: '{"uri": "/home/me/by-digest.csv"}',
    },
    { name: 'runs-uri', digest: 'x', source_type: 'http', source: `runs:/${runId}/data/train.csv` },
    { name: 'elsewhere', digest: 'ffffffff', source_type: 'local', source: 'file:///data/elsewhere.csv' },
  ];
  const logged = await daemon.mlflow('POST', 'runs/log-inputs', {
    run_id: runId,
    datasets: datasets.map((dataset) => ({ tags: [], dataset })),
  });
  assert.equal(logged.status, 200, logged.text);
});
after(async () => daemon.close());

async function upload(relative: string, text: string): Promise<void> {
  const put = await daemon.call('PUT', `${ARTIFACTS}/${root}/${relative}`, {
    rawBody: text,
    headers: { 'content-type': 'application/octet-stream' },
  });
  assert.equal(put.status, 200, put.text);
}

async function baselineFrom(reference: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return daemon.call('POST', `${API}/drift/baselines`, {
    body: { model_name: 'churn', from_run_dataset: { run_id: runId, ...reference }, ...extra },
  });
}

test('a logged dataset whose source is an artifact of the run becomes a baseline', async () => {
  const response = await baselineFrom({ dataset_name: 'train' }, { prediction_column: 'label' });
  assert.equal(response.status, 200, response.text);
  const baseline = response.json.baseline;
  assert.equal(baseline.source, 'csv');
  assert.equal(baseline.run_id, runId);
  assert.equal(baseline.row_count, 4);
  const byName = new Map(baseline.features.map((f: { name: string }) => [f.name, f]));
  assert.deepEqual(byName.get('age'), {
    ...(byName.get('age') as object),
    type: 'numerical',
    count: 3,
    missing: 1,
  });
  assert.equal((byName.get('city') as { categories: number }).categories, 3);
  assert.equal((byName.get('label') as { is_prediction: boolean }).is_prediction, true);
  const listed = await daemon.call('GET', `${API}/drift/baselines`, { query: { model_name: 'churn' } });
  assert.ok(
    listed.json.baselines.some((b: { baseline_id: string }) => b.baseline_id === baseline.baseline_id),
  );
});

test('a runs:/ source, a digest that is the file SHA-256 prefix, and an explicit artifact path', async () => {
  const viaRunsUri = await baselineFrom({ dataset_name: 'runs-uri' });
  assert.equal(viaRunsUri.status, 200, viaRunsUri.text);
  const viaDigest = await baselineFrom({ dataset_name: 'by-digest' });
  assert.equal(viaDigest.status, 200, viaDigest.text);
  const city = viaDigest.json.baseline.features.find((f: { name: string }) => f.name === 'city');
  assert.equal(city.categories, 3);
  const viaPath = await baselineFrom({ artifact_path: 'data/train.csv' });
  assert.equal(viaPath.status, 200, viaPath.text);
  assert.equal(viaPath.json.baseline.row_count, 4);
});

test('clear errors: dataset, artifact, format, column, traversal, shape', async () => {
  const cases: [Record<string, unknown>, number, RegExp][] = [
    [
      { dataset_name: 'nope' },
      404,
      /Dataset not found: run \w+ logged no dataset named 'nope' \(it logged 'train', 'by-digest', 'runs-uri', 'elsewhere'\)/,
    ],
    [
      { dataset_name: 'elsewhere' },
      404,
      /Artifact missing: dataset 'elsewhere' .*file:\/\/\/data\/elsewhere\.csv.*'artifact_path'/,
    ],
    [
      { artifact_path: 'data/missing.csv' },
      404,
      /Artifact missing: artifact data\/missing\.csv of run \w+ is not stored/,
    ],
    [
      { artifact_path: 'data/notes.txt' },
      400,
      /Unsupported format: artifact data\/notes\.txt of run \w+ is neither a \.csv nor a \.parquet/,
    ],
    [
      { artifact_path: 'data/broken.parquet' },
      400,
      /Cannot read 'artifact data\/broken\.parquet of run \w+': /,
    ],
    [{ artifact_path: 'data/bad.csv' }, 400, /Cannot read 'artifact data\/bad\.csv of run \w+': .*on line 3/],
    [
      { artifact_path: '../../other/artifacts/data/train.csv' },
      400,
      /Invalid path: .*must not contain '\.\.'/,
    ],
    [
      { dataset_name: 'train', artifact_path: 'data/train.csv' },
      400,
      /either 'dataset_name' or 'artifact_path'/,
    ],
    [{ dataset_name: 7 }, 400, /'from_run_dataset\/dataset_name' must be string/],
  ];
  for (const [reference, status, message] of cases) {
    const response = await baselineFrom(reference);
    assert.equal(response.status, status, `${JSON.stringify(reference)}: ${response.text}`);
    assert.match(response.json.message as string, message);
  }
  const badColumn = await baselineFrom(
    { dataset_name: 'train' },
    { column_specs: { city: { type: 'numerical' } } },
  );
  assert.equal(badColumn.status, 400, badColumn.text);
  assert.match(badColumn.json.message as string, /city/);
  const noRun = await daemon.call('POST', `${API}/drift/baselines`, {
    body: { model_name: 'churn', from_run_dataset: { run_id: 'f'.repeat(32), dataset_name: 'train' } },
  });
  assert.equal(noRun.status, 404, noRun.text);
  const both = await baselineFrom({ dataset_name: 'train' }, { columns: { a: [1] } });
  assert.equal(both.status, 400);
  assert.match(both.json.message as string, /exactly one of 'columns', 'file' or 'from_run_dataset'/);
  const stored = await daemon.call('GET', `${API}/drift/baselines`, { query: { model_name: 'churn' } });
  assert.equal(stored.json.baselines.length, 4, 'a refused baseline stores nothing');
});
