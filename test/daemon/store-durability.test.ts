import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../../daemon/store/database.ts';
import { DatabaseOpenError, describeStoreFailure } from '../../daemon/store/database-errors.ts';
import { migrations } from '../../daemon/store/migrations.ts';
import { TrackingError } from '../../daemon/store/tracking-error.ts';
import { openTrackingStore } from '../../daemon/store/tracking-store.ts';
import { tempDir } from './daemon-harness.ts';

describe('tracking store on disk', () => {
  it('opens in WAL mode with foreign keys on and the default experiment', () => {
    const dbPath = path.join(tempDir(), 'tracking.db');
    const { db } = openDatabase({ dbPath, now: 1 });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(db.pragma('user_version', { simple: true }), migrations.at(-1)?.version);
    assert.throws(
      () =>
        db
          .prepare(
            "INSERT INTO runs (run_id, experiment_id, run_name, status, start_time, artifact_uri) VALUES ('r', 42, 'n', 'RUNNING', 1, 'x')",
          )
          .run(),
      /FOREIGN KEY/,
    );
    db.close();
  });

  it('backs the file up before migrating a version-1 database to the current schema', () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'tracking.db');
    const first = migrations.filter((m) => m.version === 1);
    const v1 = openDatabase({ dbPath, now: 1, migrations: first }).db;
    v1.prepare(
      "INSERT INTO experiments (name, artifact_location, creation_time, last_update_time) VALUES ('kept', 'x', 1, 1)",
    ).run();
    v1.close();

    const store = openTrackingStore({ dbPath, now: () => 1234 });
    const latest = migrations.at(-1)?.version ?? 0;
    assert.deepEqual(store.migration, { from: 1, to: latest, backupPath: `${dbPath}.backup-v1-1234` });
    assert.equal(store.getExperimentByName('kept').name, 'kept');
    assert.equal(store.registry.createModel('after-migration').name, 'after-migration');
    store.close();
    const backup = new Database(`${dbPath}.backup-v1-1234`, { readonly: true });
    assert.equal(backup.pragma('user_version', { simple: true }), 1);
    assert.deepEqual(backup.prepare("SELECT name FROM experiments WHERE name = 'kept'").get(), {
      name: 'kept',
    });
    backup.close();
  });

  it('rolls back a migration that fails halfway', () => {
    const dbPath = path.join(tempDir(), 'tracking.db');
    openTrackingStore({ dbPath }).close();
    const current = migrations.at(-1)?.version ?? 0;
    const broken = {
      version: current + 1,
      description: 'fails halfway',
      apply: (d: Database.Database) => {
        d.exec('CREATE TABLE half (x)');
        throw new Error('boom');
      },
    };
    assert.throws(() => openDatabase({ dbPath, now: 5678, migrations: [...migrations, broken] }), /boom/);
    const after = new Database(dbPath, { readonly: true });
    assert.equal(after.pragma('user_version', { simple: true }), current);
    assert.deepEqual(after.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get(), {
      n: 0,
    });
    after.close();
    assert.ok(existsSync(`${dbPath}.backup-v${current}-5678`), 'the backup was taken before trying');
  });

  it('refuses a database from a newer version', () => {
    const dbPath = path.join(tempDir(), 'tracking.db');
    const db = new Database(dbPath);
    db.pragma('user_version = 99');
    db.close();
    assert.throws(
      () => openTrackingStore({ dbPath }),
      (error: unknown) => error instanceof DatabaseOpenError && error.reason === 'too-new',
    );
  });

  it('reports a full database clearly, keeps acknowledged writes and stays usable', () => {
    const dbPath = path.join(tempDir(), 'tracking.db');
    const store = openTrackingStore({ dbPath, maxBytes: 512 * 1024 });
    const runId = store.createRun({ experimentId: '0' }).info.run_id;
    let acknowledged = 0;
    let failure: unknown;
    for (let batch = 0; batch < 1000 && failure === undefined; batch += 1) {
      const metrics = Array.from({ length: 200 }, (_, i) => ({
        key: `m${i % 7}`,
        value: Math.random(),
        timestamp: batch,
        step: batch * 200 + i,
      }));
      try {
        store.logBatch(runId, { metrics });
        acknowledged += metrics.length;
      } catch (error) {
        failure = error;
      }
    }
    assert.ok(failure instanceof TrackingError, String(failure));
    assert.equal(failure.code, 'RESOURCE_EXHAUSTED');
    assert.match(failure.message, /full/);
    const counted = [0, 1, 2, 3, 4, 5, 6].reduce(
      (sum, k) =>
        sum + store.getMetricHistory({ runId, metricKey: `m${k}`, maxResults: 25000 }).metrics.length,
      0,
    );
    assert.equal(counted, acknowledged, 'every acknowledged point is there, no partial batch');
    assert.equal(store.getRun(runId).info.run_id, runId);
    store.close();
    const check = new Database(dbPath, { readonly: true });
    assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
    check.close();
  });

  it('refuses a file that is not a SQLite database and leaves it untouched', () => {
    const dbPath = path.join(tempDir(), 'tracking.db');
    const garbage = Buffer.from('this is not a database\n'.repeat(500));
    writeFileSync(dbPath, garbage);
    assert.throws(
      () => openTrackingStore({ dbPath }),
      (error: unknown) =>
        error instanceof DatabaseOpenError && error.reason === 'corrupt' && /corrupted/.test(error.message),
    );
    assert.ok(readFileSync(dbPath).equals(garbage));
  });

  it('refuses a database whose schema pages are corrupted', () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'tracking.db');
    openTrackingStore({ dbPath }).close();
    const bytes = readFileSync(dbPath);
    bytes.fill(0xa5, 100, 4096); // page 1 after the header: the schema table
    writeFileSync(dbPath, bytes);
    assert.throws(
      () => openTrackingStore({ dbPath }),
      (error: unknown) => error instanceof DatabaseOpenError && error.reason === 'corrupt',
    );
  });

  it('turns a read-only database into a clear error, not a crash', (t) => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'tracking.db');
    openTrackingStore({ dbPath }).close();
    // A genuine SQLITE_READONLY from SQLite, mapped by the store's write path.
    const readonly = new Database(dbPath, { readonly: true });
    let raw: unknown;
    try {
      readonly
        .prepare(
          "INSERT INTO experiments (name, artifact_location, creation_time, last_update_time) VALUES ('x', '', 1, 1)",
        )
        .run();
    } catch (error) {
      raw = error;
    }
    readonly.close();
    const mapped = describeStoreFailure(raw, 'write');
    assert.ok(mapped instanceof TrackingError);
    assert.match(mapped.message, /read-only/);
    if (process.getuid?.() === 0) {
      t.diagnostic('file-permission part skipped: running as root, which ignores file modes');
      return;
    }
    chmodSync(dbPath, 0o444);
    chmodSync(dir, 0o555);
    try {
      assert.throws(
        () => openTrackingStore({ dbPath }),
        (error: unknown) => error instanceof DatabaseOpenError && error.reason === 'read-only',
      );
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('keeps everything across close and reopen', () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'tracking.db');
    const first = openTrackingStore({ dbPath });
    const runId = first.createRun({ experimentId: '0', runName: 'persist' }).info.run_id;
    first.logBatch(runId, {
      metrics: [{ key: 'a', value: 1, timestamp: 1, step: 0 }],
      params: [{ key: 'p', value: 'v' }],
    });
    first.close();
    const second = openTrackingStore({ dbPath });
    const run = second.getRun(runId);
    assert.equal(run.info.run_name, 'persist');
    assert.deepEqual(run.data.params, [{ key: 'p', value: 'v' }]);
    assert.equal(second.migration.backupPath, undefined);
    second.close();
    assert.ok(!readdirSync(dir).some((f) => f.includes('backup')), 'no backup when nothing migrates');
    assert.ok(existsSync(dbPath));
  });
});
