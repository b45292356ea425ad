/**
 * The samples folder importer over a real folder and a real SQLite file: files that land are
 * imported, appended lines are read on from the stored offset, a partial last line waits for
 * its end, bad lines are logged and skipped, and a restart repeats nothing.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { SampleFolderImporter } from '../../daemon/drift/sample-folder-importer.ts';
import { createLogger } from '../../daemon/log/logger.ts';
import { openTrackingStore } from '../../daemon/store/tracking-store.ts';
import { tempDir } from './daemon-harness.ts';

const T0 = Date.UTC(2026, 10, 25);

function line(i: number): string {
  return `${JSON.stringify({ model_name: 'churn', model_version: '2', timestamp: T0 + i, features: { x: i } })}\n`;
}

/** Starts an importer whose `next()` resolves with the accepted count of each file read. */
async function importer(options: {
  store: ReturnType<typeof openTrackingStore>;
  folder: string;
  logLines: string[];
}) {
  const waiting: ((accepted: number) => void)[] = [];
  const arrived: number[] = [];
  const started = new SampleFolderImporter({
    store: options.store,
    folder: options.folder,
    logger: createLogger((text) => options.logLines.push(text)),
    usePolling: true,
    onImported: (_file, accepted) => {
      const resolve = waiting.shift();
      if (resolve) resolve(accepted);
      else arrived.push(accepted);
    },
  });
  await started.start();
  const next = (): Promise<number> => {
    const ready = arrived.shift();
    return ready === undefined ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve(ready);
  };
  return { importer: started, next };
}

test('samples files are imported as they land and grow, once each line', async () => {
  const dir = tempDir();
  const folder = path.join(dir, 'samples');
  const store = openTrackingStore({ dbPath: path.join(dir, 'tracking.db') });
  const logLines: string[] = [];
  const count = (): number =>
    store.read(() => store.driftSamples.window('churn', '2', { last: 1000 })).length;
  mkdirSync(folder);
  const file = path.join(folder, 'serving.jsonl');
  writeFileSync(file, line(0) + 'oops\n' + line(1));
  writeFileSync(path.join(folder, 'notes.txt'), line(99));
  const first = await importer({ store, folder, logLines });
  assert.equal(await first.next(), 2);
  assert.equal(count(), 2);
  assert.ok(logLines.some((l) => l.includes('sample line skipped') && l.includes('not JSON')));

  appendFileSync(file, line(2) + line(3).slice(0, 20));
  assert.equal(await first.next(), 1, 'the partial line waits');
  appendFileSync(file, line(3).slice(20));
  assert.equal(await first.next(), 1);
  assert.equal(count(), 4);
  await first.importer.close();

  appendFileSync(file, line(4));
  const second = await importer({ store, folder, logLines });
  assert.equal(await second.next(), 1, 'after a restart only the new line');
  await second.importer.close();
  const times = store
    .read(() => store.driftSamples.window('churn', '2', { last: 1000 }))
    .map((s) => s.time - T0);
  assert.deepEqual(times, [0, 1, 2, 3, 4]);
  store.close();
});
