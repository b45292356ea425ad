/**
 * The proof that the skew rules matter: the example project really trains and serves, the
 * service's predictions for 100 held-out customers differ from the offline pipeline's, the
 * quick-fixes are applied with `mlops-lens check --fix`, and after retraining and restarting the
 * service its predictions equal the offline ones.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freeLoopbackPort } from '../loopback-port.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MODULES = 'import sklearn, pandas, joblib, fastapi, uvicorn';

/** A Python that has the example's packages (Debian's python3 has them as system packages). */
function findPython(): string | undefined {
  return ['/usr/bin/python3', 'python3'].find(
    (candidate) => spawnSync(candidate, ['-c', MODULES]).status === 0,
  );
}

const python = findPython();
if (!python) process.stdout.write(`# skew proof skipped: no python3 can ${MODULES}\n`);

interface HoldoutRow {
  readonly features: Record<string, number | string | null>;
  readonly offline: number;
}

/** `artifacts/holdout.csv`: raw held-out customers and the offline pipeline's probabilities. */
function readHoldout(project: string): HoldoutRow[] {
  const [header, ...lines] = readFileSync(path.join(project, 'artifacts', 'holdout.csv'), 'utf8')
    .trim()
    .split('\n');
  const columns = (header ?? '').split(',');
  return lines.slice(0, 100).map((line) => {
    const cells = line.split(',');
    const features: Record<string, number | string | null> = {};
    let offline = Number.NaN;
    columns.forEach((column, i) => {
      const cell = cells[i] ?? '';
      if (column === 'offline_probability') offline = Number(cell);
      else features[column] = cell === '' ? null : Number.isNaN(Number(cell)) ? cell : Number(cell);
    });
    return { features, offline };
  });
}

class Service {
  private readonly child: ChildProcess;
  readonly url: string;

  private constructor(child: ChildProcess, url: string) {
    this.child = child;
    this.url = url;
  }

  /** Starts the service on a free port; tries again if another process took the port meanwhile. */
  static async start(project: string, attempts = 3): Promise<Service> {
    try {
      return await Service.startOnce(project);
    } catch (error) {
      if (attempts <= 1 || !/address already in use/i.test(String(error))) throw error;
      return Service.start(project, attempts - 1);
    }
  }

  private static async startOnce(project: string): Promise<Service> {
    const port = await freeLoopbackPort();
    const child = spawn(
      python ?? 'python3',
      ['-m', 'uvicorn', 'serve:app', '--host', '127.0.0.1', '--port', String(port)],
      {
        cwd: project,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        // Uvicorn announces the address only once it is bound (startup can finish before).
        if (output.includes('Uvicorn running on')) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`the service exited (${code}):\n${output}`)));
    });
    return new Service(child, `http://127.0.0.1:${port}`);
  }

  async predict(features: HoldoutRow['features']): Promise<number> {
    const response = await fetch(`${this.url}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(features),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return ((await response.json()) as { churn_probability: number }).churn_probability;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

function train(project: string): void {
  const result = spawnSync(python ?? 'python3', ['train.py'], {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, MLFLOW_TRACKING_URI: '' },
  });
  assert.equal(result.status, 0, `training failed:\n${result.stdout}\n${result.stderr}`);
}

/** The largest difference between served and offline predictions over the held-out rows. */
async function largestDifference(project: string): Promise<number> {
  const service = await Service.start(project);
  try {
    let largest = 0;
    for (const row of readHoldout(project))
      largest = Math.max(largest, Math.abs((await service.predict(row.features)) - row.offline));
    return largest;
  } finally {
    await service.stop();
  }
}

describe('training-serving skew, end to end', { skip: python === undefined }, () => {
  let project: string;

  before(() => {
    project = path.join(mkdtempSync(path.join(tmpdir(), 'mlops-lens-proof-')), 'churn');
    cpSync(path.join(ROOT, 'examples', 'churn'), project, {
      recursive: true,
      filter: (source) => !/(artifacts|__pycache__)$/.test(source),
    });
  });

  after(() => rmSync(path.dirname(project), { recursive: true, force: true }));

  it('served predictions differ from the offline pipeline before the fixes', async () => {
    train(project);
    const difference = await largestDifference(project);
    assert.ok(difference > 0.01, `expected skew, the largest difference is ${difference}`);
  });

  it('mlops-lens check --fix applies the skew and reproducibility fixes', () => {
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin', 'mlops-lens.js'), 'check', '.', '--fix', '--fail-on', 'never'],
      {
        cwd: project,
        encoding: 'utf8',
      },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /\d+ fixes applied/);
    const serving = readFileSync(path.join(project, 'serve.py'), 'utf8');
    assert.doesNotMatch(serving, /- 36\.2\) \/ 20\.7/, 'the hand-written scaling is gone');
    assert.match(serving, /joblib\.load\("artifacts\/scaler\.joblib"\)/);
    assert.doesNotMatch(serving, /52000/, 'serving fills missing income like training');
  });

  it('after retraining and restarting, served predictions equal the offline ones', async () => {
    train(project);
    const difference = await largestDifference(project);
    assert.ok(difference < 1e-9, `served and offline predictions still differ by up to ${difference}`);
  });
});
