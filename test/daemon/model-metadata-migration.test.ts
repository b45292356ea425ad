import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../../daemon/store/database.ts';
import { migrations } from '../../daemon/store/migrations.ts';
import { openTrackingStore } from '../../daemon/store/tracking-store.ts';
import { tempDir } from './daemon-harness.ts';

describe('migration 4: model version metadata', () => {
  it('backs up a version-3 database and captures the provenance of versions registered before', () => {
    const dbPath = path.join(tempDir(), 'tracking.db');
    const { db } = openDatabase({ dbPath, now: 1, migrations: migrations.filter((m) => m.version <= 3) });
    const runId = '0123456789abcdef0123456789abcdef';
    const artifactUri = `mlflow-artifacts:/0/${runId}/artifacts`;
    db.prepare(
      "INSERT INTO runs (run_id, experiment_id, run_name, status, start_time, artifact_uri) VALUES (?, 0, 'old', 'FINISHED', 1, ?)",
    ).run(runId, artifactUri);
    db.prepare("INSERT INTO tags VALUES (?, 'mlflow.source.git.commit', 'abcdef1234567')").run(runId);
    const datasetId = db
      .prepare(
        "INSERT INTO datasets (experiment_id, name, digest, source_type, source) VALUES (0, 'd', 'x1', 'http', '{\"url\": \"https://data.example/d.parquet\"}')",
      )
      .run().lastInsertRowid;
    db.prepare('INSERT INTO run_inputs VALUES (?, ?, 0)').run(runId, datasetId);
    db.prepare("INSERT INTO registered_models VALUES ('legacy', 1, 1, '')").run();
    db.prepare(
      "INSERT INTO model_versions (name, version, creation_time, last_updated_time, source) VALUES ('legacy', 1, 1, 1, ?)",
    ).run(`${artifactUri}/model`);
    db.close();

    const store = openTrackingStore({ dbPath, now: () => 4242 });
    try {
      assert.deepEqual(store.migration, {
        from: 3,
        to: migrations.at(-1)?.version,
        backupPath: `${dbPath}.backup-v3-4242`,
      });
      const body = store.registry.versionMetadata('legacy', '1');
      assert.deepEqual(body.metadata.provenance, {
        git_commit: 'abcdef1234567',
        dataset_snapshot_uri: 'https://data.example/d.parquet',
      });
      assert.deepEqual(body.provenance, { badge: 'complete', missing: [] });
      assert.deepEqual(
        store.lineage('model_version:legacy@1', 1).edges,
        [{ type: 'registered_as', from: `run:${runId}`, to: 'model_version:legacy@1' }],
        'the run found from the source alone links the version',
      );
    } finally {
      store.close();
    }
    assert.ok(existsSync(`${dbPath}.backup-v3-4242`));
    const backup = new Database(`${dbPath}.backup-v3-4242`, { readonly: true });
    assert.equal(backup.pragma('user_version', { simple: true }), 3);
    backup.close();
  });
});
