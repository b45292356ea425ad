/**
 * The production day `npm start` simulates after training the example: the newest churn run is
 * registered as a version, its training customers become the drift baseline (and data schema),
 * and a day of production requests arrives in which the billing export has started to send
 * `monthly_charges` as text ("114.68 EUR"). A drift report of that day follows, so the version
 * has something to attribute and `mlops-lens recommend` has something to answer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export const DEMO_MODEL = 'churn';
/** The features the example's model reads (examples/churn/features.py). */
export const DEMO_FEATURES = ['tenure_months', 'monthly_charges', 'income', 'contract', 'support_calls'];
const PRODUCTION_REQUESTS = 500;
const DAY_MS = 24 * 3_600_000;

type Value = number | string | null;

export interface ProductionDay {
  version: string;
  runId: string;
  reportId: string;
}

export async function seedProductionDay(
  daemonUrl: string,
  token: string,
  exampleDir: string,
  now = Date.now(),
): Promise<ProductionDay> {
  const call = async <T>(method: 'GET' | 'POST', urlPath: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${daemonUrl}${urlPath}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${urlPath}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const mlflow = '/api/2.0/mlflow';
  const native = '/api/mlops-lens/v1';

  const { experiment } = await call<{ experiment: { experiment_id: string } }>(
    'GET',
    `${mlflow}/experiments/get-by-name?experiment_name=${DEMO_MODEL}`,
  );
  const { runs = [] } = await call<{ runs?: { info: { run_id: string } }[] }>(
    'POST',
    `${mlflow}/runs/search`,
    {
      experiment_ids: [experiment.experiment_id],
      filter: "attributes.status = 'FINISHED'",
      max_results: 1,
    },
  );
  const runId = runs[0]?.info.run_id;
  if (runId === undefined) throw new Error('No finished churn training run: train the example first.');

  const models = await call<{ registered_models?: unknown[] }>(
    'GET',
    `${mlflow}/registered-models/search?filter=${encodeURIComponent(`name = '${DEMO_MODEL}'`)}`,
  );
  if ((models.registered_models ?? []).length === 0)
    await call('POST', `${mlflow}/registered-models/create`, { name: DEMO_MODEL });
  const { model_version: registered } = await call<{ model_version: { version: string } }>(
    'POST',
    `${mlflow}/model-versions/create`,
    { name: DEMO_MODEL, source: `runs:/${runId}/model.joblib`, run_id: runId },
  );
  const version = registered.version;

  const customers = readCustomers(path.join(exampleDir, 'data', 'customers.csv'));
  const columns = Object.fromEntries(DEMO_FEATURES.map((f) => [f, customers.map((row) => row[f] ?? null)]));
  await call('POST', `${native}/drift/baselines`, {
    model_name: DEMO_MODEL,
    model_version: version,
    run_id: runId,
    columns,
  });

  const start = now - DAY_MS;
  const step = Math.floor(DAY_MS / PRODUCTION_REQUESTS);
  const lines = customers.slice(0, PRODUCTION_REQUESTS).map((row, i) => {
    const features = Object.fromEntries(DEMO_FEATURES.map((f) => [f, row[f] ?? null]));
    // The billing export's new format: a number with its currency, as text.
    if (typeof features.monthly_charges === 'number')
      features.monthly_charges = `${features.monthly_charges} EUR`;
    return JSON.stringify({
      model_name: DEMO_MODEL,
      model_version: version,
      timestamp: start + i * step,
      prediction_id: `churn-demo-${i}`,
      features,
    });
  });
  await call('POST', `${native}/drift/samples`, lines.join('\n'));
  const { report } = await call<{ report: { report_id: string } }>('POST', `${native}/drift/reports`, {
    model_name: DEMO_MODEL,
    model_version: version,
    from: start,
    to: now + 1,
  });
  return { version, runId, reportId: report.report_id };
}

/** customers.csv: numbers become numbers, empty cells null. */
function readCustomers(file: string): Record<string, Value>[] {
  return parse<Record<string, Value>>(readFileSync(file, 'utf8'), {
    columns: true,
    cast: (cell): Value => (cell === '' ? null : Number.isFinite(Number(cell)) ? Number(cell) : cell),
  });
}
