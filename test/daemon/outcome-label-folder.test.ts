/**
 * Delayed labels read from `*.jsonl` files in a folder: each valid line stored once (a bad line
 * logged with its number and skipped), lines appended later read on from the stored offset,
 * and the labels join their predictions in a real SQLite file.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { SampleFolderImporter } from '../../daemon/drift/sample-folder-importer.ts';
import { createLogger } from '../../daemon/log/logger.ts';
import { labelFolderLines } from '../../daemon/outcomes/label-folder-lines.ts';
import { openTrackingStore } from '../../daemon/store/tracking-store.ts';
import { tempDir } from './daemon-harness.ts';

const START = Date.UTC(2026, 10, 1);

test('labels files are imported as they land and grow, and join their predictions', async () => {
  const dir = tempDir();
  const folder = path.join(dir, 'labels');
  mkdirSync(folder);
  const store = openTrackingStore({ dbPath: path.join(dir, 'tracking.db') });
  store.write(() =>
    store.driftSamples.insert(
      [0, 1, 2, 3].map((i) => ({
        modelName: 'churn',
        modelVersion: '2',
        time: START + i,
        predictionId: `p${i}`,
        features: {},
        prediction: 0.2 * (i + 1),
      })),
    ),
  );
  const logLines: string[] = [];
  const imported: number[] = [];
  let wake: (() => void) | undefined;
  const importer = new SampleFolderImporter({
    store,
    folder,
    logger: createLogger((text) => logLines.push(text)),
    usePolling: true,
    lines: labelFolderLines(() => START + 9 * 86_400_000),
    onImported: (_file, accepted) => {
      imported.push(accepted);
      wake?.();
    },
  });
  const next = async (count: number): Promise<void> => {
    while (imported.length < count) await new Promise<void>((resolve) => (wake = resolve));
  };
  const file = path.join(folder, 'outcomes.jsonl');
  writeFileSync(
    file,
    '{"prediction_id": "p0", "label": 0}\n{"prediction_id": 7, "label": 1}\n{"prediction_id": "p1", "label": true}\n',
  );
  await importer.start();
  await next(1);
  assert.equal(imported[0], 2);
  assert.ok(
    logLines.some((line) => line.includes('label line skipped') && line.includes('"line":2')),
    logLines.join('\n'),
  );
  appendFileSync(file, '{"prediction_id": "p3", "label": 1}\n');
  await next(2);
  assert.equal(imported[1], 1);
  await importer.close();
  const window = { from: START, to: START + 10 };
  const labelled = store.read(() => store.outcomeLabels.labelled('churn', '2', window));
  const byTime = [...labelled.times]
    .map((time, i) => [time - START, labelled.labels[i]])
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
  assert.deepEqual(byTime, [
    [0, 0],
    [1, 1],
    [3, 1],
  ]);
  assert.equal(
    store.read(() => store.outcomeLabels.predictionCount('churn', '2', window)),
    4,
  );
  store.close();
});
