import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WorkspaceWatcher } from '../../daemon/importers/workspace-watcher.ts';
import { createLogger } from '../../daemon/log/logger.ts';
import { openTrackingStore, type TrackingStore } from '../../daemon/store/tracking-store.ts';
import { tempDir } from './daemon-harness.ts';
import { T0, waitUntil, writeExperiment, writeRun } from './mlruns-fixture.ts';

const TRAIN_V1 = '0123456789abcdef0123456789abcdef';
const TRAIN_V2 = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const RAW = 'fedcba9876543210fedcba9876543210';
const IMPORTED_RUN = 'dddddddddddddddddddddddddddddddd';

function dvcLock(trainMd5: string): string {
  return [
    "schema: '2.0'",
    'stages:',
    '  prepare:',
    '    cmd: python prepare.py',
    '    deps:',
    '    - path: data/raw.csv',
    `      md5: ${RAW}`,
    '      size: 10',
    '    outs:',
    '    - path: data/train.csv',
    '      hash: md5',
    `      md5: ${trainMd5}`,
    '      size: 2048',
    '',
  ].join('\n');
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('DVC and artifact digest importers', () => {
  let folder: string;
  let store: TrackingStore;
  let watcher: WorkspaceWatcher;
  const logLines: string[] = [];
  let datasetRun: string;
  let taggedRun: string;
  let unrelatedRun: string;

  /** The run's dataset nodes (none while the run is not imported yet). */
  const datasetNodes = (runId: string): string[] => {
    try {
      return store
        .lineage(`run:${runId}`, 1)
        .nodes.filter((n) => n.type === 'dataset')
        .map((n) => n.id)
        .sort();
    } catch {
      return [];
    }
  };

  before(async () => {
    folder = realpathSync(tempDir('mlops-lens-dvc-'));
    store = openTrackingStore({ dbPath: path.join(tempDir(), 'tracking.db') });
    datasetRun = store.createRun({ experimentId: '0', runName: 'reads-train' }).info.run_id;
    store.logInputs(datasetRun, [
      {
        dataset: {
          name: 'train',
          digest: 'pandas1',
          source_type: 'local',
          source: JSON.stringify({ uri: path.join(folder, 'data/train.csv') }),
        },
        tags: [],
      },
    ]);
    taggedRun = store.createRun({ experimentId: '0', tags: [{ key: 'input_path', value: 'data/raw.csv' }] })
      .info.run_id;
    unrelatedRun = store.createRun({ experimentId: '0', runName: 'unrelated' }).info.run_id;

    mkdirSync(path.join(folder, 'data'));
    writeFileSync(path.join(folder, 'dvc.lock'), dvcLock(TRAIN_V1));
    writeFileSync(
      path.join(folder, 'data', 'raw.csv.dvc'),
      `outs:\n- md5: ${RAW}\n  size: 10\n  hash: md5\n  path: raw.csv\n`,
    );
    writeFileSync(path.join(folder, 'broken.dvc'), 'outs: [unclosed\n');
    writeFileSync(path.join(folder, 'outside.dvc'), `outs:\n- md5: ${RAW}\n  path: ../../etc/passwd\n`);
    writeRun(writeExperiment(path.join(folder, 'mlruns'), '4', 'dvc-fed'), {
      runId: IMPORTED_RUN,
      runName: 'imported',
      tags: { training_data: 'data/train.csv' },
      metrics: { loss: [`${T0} 1 0`] },
    });
    mkdirSync(path.join(folder, 'models'));
    writeFileSync(path.join(folder, 'models', 'scaler.joblib'), 'scaler-bytes-v1');
    writeFileSync(path.join(folder, 'models', 'notes.txt'), 'not an artifact');
    const modelDir = path.join(folder, 'mlruns', '4', IMPORTED_RUN, 'artifacts', 'model');
    mkdirSync(modelDir, { recursive: true });
    writeFileSync(path.join(modelDir, 'MLmodel'), 'flavors: {}\n');

    watcher = new WorkspaceWatcher({
      store,
      logger: createLogger((line) => logLines.push(line)),
      usePolling: true,
      pollIntervalMs: 50,
      debounceMs: 50,
    });
    await watcher.watch([folder]);
  });

  after(async () => {
    await watcher.close();
    store.close();
  });

  it('records dvc.lock and *.dvc outs as dataset versions named by path, digested by md5', async () => {
    await waitUntil(
      watcher,
      () => store.read(() => store.workspaces.dvcOutputs(folder)).length === 2,
      'DVC outs',
    );
    const outs = store.read(() => store.workspaces.dvcOutputs(folder));
    assert.deepEqual(
      outs.map((o) => [o.path, o.md5, o.size]),
      [
        ['data/raw.csv', RAW, 10],
        ['data/train.csv', TRAIN_V1, 2048],
      ],
    );
    assert.ok(logLines.some((l) => l.includes('DVC import skipped a file') && l.includes('broken.dvc')));
    assert.ok(logLines.some((l) => l.includes('path outside the workspace folder')));
  });

  it('links DVC versions to runs that read their paths, so lineage shows dataset:<path>@<md5>', async () => {
    await waitUntil(
      watcher,
      () => datasetNodes(IMPORTED_RUN).includes(`dataset:data/train.csv@${TRAIN_V1}`),
      'imported run linked',
    );
    assert.deepEqual(datasetNodes(datasetRun), [
      `dataset:data/train.csv@${TRAIN_V1}`,
      'dataset:train@pandas1',
    ]);
    assert.deepEqual(datasetNodes(taggedRun), [`dataset:data/raw.csv@${RAW}`]);
    assert.deepEqual(datasetNodes(unrelatedRun), []);
    const node = store.lineage(`dataset:data/train.csv@${TRAIN_V1}`, 1);
    assert.ok(node.nodes.some((n) => n.id === `run:${datasetRun}`));
  });

  it('records a new DVC version without moving runs already linked to the old one', async () => {
    writeFileSync(path.join(folder, 'dvc.lock'), dvcLock(TRAIN_V2));
    await waitUntil(
      watcher,
      () => store.read(() => store.workspaces.dvcOutputs(folder)).some((o) => o.md5 === TRAIN_V2),
      'second version',
    );
    assert.ok(!datasetNodes(datasetRun).includes(`dataset:data/train.csv@${TRAIN_V2}`));
  });

  it('records SHA-256 digests of artifact-like files, updates them on change and forgets deleted ones', async () => {
    const scaler = path.join(folder, 'models', 'scaler.joblib');
    const mlmodel = path.join(folder, 'mlruns', '4', IMPORTED_RUN, 'artifacts', 'model', 'MLmodel');
    const digestOf = (file: string): string | undefined =>
      store.read(() => store.workspaces.artifactDigest(file))?.sha256;
    await waitUntil(
      watcher,
      () => digestOf(scaler) !== undefined && digestOf(mlmodel) !== undefined,
      'digests',
    );
    assert.equal(digestOf(scaler), sha256(scaler));
    assert.equal(digestOf(mlmodel), sha256(mlmodel));
    assert.equal(digestOf(path.join(folder, 'models', 'notes.txt')), undefined);
    assert.deepEqual(
      store.read(() => store.workspaces.artifactsWithDigest(sha256(scaler))).map((a) => a.path),
      [scaler],
    );

    writeFileSync(scaler, 'scaler-bytes-v2, longer');
    await waitUntil(watcher, () => digestOf(scaler) === sha256(scaler), 'changed digest');
    unlinkSync(scaler);
    await waitUntil(watcher, () => digestOf(scaler) === undefined, 'forgotten digest');
  });
});
