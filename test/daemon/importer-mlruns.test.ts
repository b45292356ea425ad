import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { ChangeEvent } from '../../daemon/api/contract.ts';
import { importMlruns } from '../../daemon/importers/mlruns-importer.ts';
import { WorkspaceWatcher } from '../../daemon/importers/workspace-watcher.ts';
import { createLogger } from '../../daemon/log/logger.ts';
import { openTrackingStore, type TrackingStore } from '../../daemon/store/tracking-store.ts';
import { IMPORTED_FROM_TAG } from '../../daemon/store/workspace-records.ts';
import { tempDir } from './daemon-harness.ts';
import { appendMetricText, T0, waitUntil, writeExperiment, writeRun } from './mlruns-fixture.ts';

const RUN_A = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const RUN_B = '0f9e8d7c6b5a49382716f5e4d3c2b1a0';
const BROKEN = 'ffffffffffffffffffffffffffffffff';

/** The run's points for `key` (none while the run is not imported yet). */
function history(store: TrackingStore, runId: string, key: string): number[] {
  try {
    return store.getMetricHistory({ runId, metricKey: key }).metrics.map((m) => Number(m.value));
  } catch {
    return [];
  }
}

describe('mlruns importer', () => {
  let folder: string;
  let store: TrackingStore;
  let watcher: WorkspaceWatcher;
  let runADir: string;
  const logLines: string[] = [];
  const published: ChangeEvent[] = [];
  const metricsLogged: { runId: string; keys: readonly string[]; points: number }[] = [];

  before(async () => {
    folder = realpathSync(tempDir('mlops-lens-mlruns-'));
    const mlruns = path.join(folder, 'mlruns');
    const fraud = writeExperiment(mlruns, '1', 'fraud');
    writeExperiment(mlruns, '0', 'Default');
    runADir = writeRun(fraud, {
      runId: RUN_A,
      runName: 'bright-fox-1',
      params: { lr: '0.01', 'model/depth': '6' },
      tags: { team: 'risk' },
      metrics: { loss: [`${T0} 0.9 0`, `${T0 + 1} 0.7 1`], auc: [`${T0} nan 0`, `${T0 + 1} 0.8 1`] },
    });
    writeRun(path.join(mlruns, '0'), { runId: RUN_B, runName: 'calm-owl-2', status: 1 });
    // Malformed: a run whose meta.yaml is not YAML, and a metric file with a bad line.
    mkdirSync(path.join(fraud, BROKEN));
    writeFileSync(path.join(fraud, BROKEN, 'meta.yaml'), 'run_id: [unclosed\n  : :');
    writeFileSync(path.join(mlruns, '7'), 'not a folder');
    mkdirSync(path.join(mlruns, '.trash'));
    appendMetricText(runADir, 'acc', `${T0} 0.5 0\nthis is not a metric line\n${T0 + 1} 0.6 1\n`);

    const dir = tempDir();
    store = openTrackingStore({ dbPath: path.join(dir, 'tracking.db') });
    watcher = new WorkspaceWatcher({
      store,
      logger: createLogger((line) => logLines.push(line)),
      changes: {
        publish: (change) => published.push(change),
        metricsLogged: (runId, keys, points) => metricsLogged.push({ runId, keys, points }),
      },
      usePolling: true,
      pollIntervalMs: 50,
      debounceMs: 50,
    });
    await watcher.watch([folder]);
    await waitUntil(watcher, () => history(store, RUN_A, 'acc').length === 2, 'first import');
  });

  after(async () => {
    await watcher.close();
    store.close();
  });

  it('imports experiments and runs with their MLflow ids, params, tags and metrics', () => {
    const fraud = store.getExperimentByName('fraud');
    const runA = store.getRun(RUN_A);
    assert.equal(runA.info.experiment_id, fraud.experiment_id);
    assert.equal(runA.info.run_name, 'bright-fox-1');
    assert.equal(runA.info.status, 'FINISHED');
    assert.equal(runA.info.user_id, 'alice');
    assert.equal(runA.info.start_time, T0);
    assert.equal(runA.info.end_time, T0 + 60_000);
    const params = Object.fromEntries(runA.data.params?.map((p) => [p.key, p.value]) ?? []);
    assert.deepEqual(params, { lr: '0.01', 'model/depth': '6' });
    const tags = Object.fromEntries(runA.data.tags?.map((t) => [t.key, t.value]) ?? []);
    assert.equal(tags.team, 'risk');
    assert.equal(tags[IMPORTED_FROM_TAG], runADir);
    assert.deepEqual(history(store, RUN_A, 'loss'), [0.9, 0.7]);
    assert.equal(history(store, RUN_A, 'auc').length, 2);
    assert.ok(Number.isNaN(history(store, RUN_A, 'auc')[0]));
    const runB = store.getRun(RUN_B);
    assert.equal(runB.info.experiment_id, '0', 'experiment "Default" maps to the local Default');
    assert.equal(runB.info.status, 'RUNNING');
  });

  it('skips malformed files with a log line and imports the rest', () => {
    assert.throws(() => store.getRun(BROKEN));
    assert.deepEqual(history(store, RUN_A, 'acc'), [0.5, 0.6]);
    assert.ok(logLines.some((l) => l.includes('mlruns import skipped a file') && l.includes(BROKEN)));
    assert.ok(
      logLines.some((l) => l.includes('malformed metric line') && l.includes('this is not a metric line')),
    );
  });

  it('appends metric lines as the files grow, waiting for a line to be complete', async () => {
    appendMetricText(runADir, 'loss', `${T0 + 2} 0.5 2\n${T0 + 3} 0.4`);
    await waitUntil(watcher, () => history(store, RUN_A, 'loss').length === 3, 'appended loss point');
    assert.deepEqual(history(store, RUN_A, 'loss'), [0.9, 0.7, 0.5]);
    appendMetricText(runADir, 'loss', ' 3\n');
    await waitUntil(watcher, () => history(store, RUN_A, 'loss').length === 4, 'completed loss line');
    assert.deepEqual(history(store, RUN_A, 'loss'), [0.9, 0.7, 0.5, 0.4]);
    assert.equal(store.getRun(RUN_A).data.metrics?.find((m) => m.key === 'loss')?.step, 3);
    assert.deepEqual(metricsLogged.at(-1), { runId: RUN_A, keys: ['loss'], points: 1 });
  });

  it('reads the last write of a burst, though the watcher drops a change within 50 ms of another', async () => {
    // Appends every few milliseconds, watched by a fast poll: changes seen inside chokidar's
    // 50 ms change throttle are dropped, and nothing is written after the last one.
    const burstFolder = tempDir();
    writeExperiment(path.join(burstFolder, 'mlruns'), '0', 'Default');
    const runId = 'e'.repeat(32);
    const runDir = writeRun(path.join(burstFolder, 'mlruns', '0'), { runId, runName: 'burst' });
    const burstStore = openTrackingStore({ dbPath: path.join(tempDir(), 'tracking.db') });
    const burstWatcher = new WorkspaceWatcher({
      store: burstStore,
      logger: createLogger(() => undefined),
      usePolling: true,
      pollIntervalMs: 5,
      debounceMs: 20,
    });
    await burstWatcher.watch([burstFolder]);
    try {
      for (let round = 0; round < 6; round += 1) {
        for (let i = 0; i < 12; i += 1) {
          const step = round * 12 + i;
          appendMetricText(runDir, 'loss', `${T0 + step} ${step} ${step}\n`);
          await delay(7);
        }
        const written = (round + 1) * 12;
        await waitUntil(
          burstWatcher,
          () => history(burstStore, runId, 'loss').length === written,
          `burst ${round}`,
          5_000,
        );
      }
    } finally {
      await burstWatcher.close();
      burstStore.close();
    }
  });

  it('announces imported runs once, on the change feed', () => {
    const created = published.filter((c) => c.type === 'run_created');
    assert.deepEqual(
      created.filter((c) => c.run_id === RUN_A),
      [
        {
          type: 'run_created',
          run_id: RUN_A,
          experiment_id: store.getExperimentByName('fraud').experiment_id,
        },
      ],
    );
    assert.ok(created.some((c) => c.run_id === RUN_B));
  });

  it('imports a run that appears while watching', async () => {
    const runC = 'c'.repeat(32);
    writeRun(path.join(folder, 'mlruns', '1'), {
      runId: runC,
      runName: 'late-run',
      metrics: { loss: [`${T0} 1 0`] },
    });
    await waitUntil(watcher, () => history(store, runC, 'loss').length === 1, 'new run');
  });

  it('re-importing the same tree duplicates nothing', () => {
    const count = (): number =>
      store.searchRuns({ experimentIds: ['0', store.getExperimentByName('fraud').experiment_id] }).runs
        .length;
    const before = { runs: count(), loss: history(store, RUN_A, 'loss'), acc: history(store, RUN_A, 'acc') };
    const logger = createLogger(() => undefined);
    const summary = importMlruns(store, folder, logger);
    assert.equal(summary.points, 0, 'no metric line is read twice');
    importMlruns(store, folder, logger);
    assert.deepEqual(
      { runs: count(), loss: history(store, RUN_A, 'loss'), acc: history(store, RUN_A, 'acc') },
      before,
    );
    assert.equal(store.searchExperiments({}).experiments.filter((e) => e.name === 'fraud').length, 1);
  });
});
