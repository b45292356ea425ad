import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openTrackingStore, type SearchRunsQuery } from '../../daemon/store/tracking-store.ts';
import { tempDir } from './daemon-harness.ts';

describe('runs/search query plans', () => {
  it('answers the same whether a metric filter is driven by the metric index or by walking runs', () => {
    const dbPath = path.join(tempDir(), 'tracking.db');
    const writer = openTrackingStore({ dbPath, now: () => 1 });
    const experimentId = writer.createExperiment('plans');
    for (let i = 0; i < 300; i += 1) {
      const runId = writer.createRun({ experimentId, startTime: 1_000 + (i % 50), runName: `r${i}` }).info
        .run_id;
      writer.logBatch(runId, {
        metrics:
          i % 7 === 0
            ? []
            : [
                { key: 'acc', value: ((i * 37) % 100) / 100, timestamp: 1, step: 0 },
                { key: 'loss', value: i % 3 === 0 ? NaN : i, timestamp: 1, step: 0 },
              ],
        params: [{ key: 'lr', value: String(i % 4) }],
      });
      if (i % 11 === 0) writer.deleteRun(runId);
    }
    writer.close();
    const queries: SearchRunsQuery[] = [
      { experimentIds: [experimentId], filter: 'metrics.acc > 0.9' },
      { experimentIds: [experimentId], filter: 'metrics.acc >= 0.2 AND metrics.loss < 100', maxResults: 7 },
      {
        experimentIds: [experimentId],
        filter: "metrics.acc > 0.5 AND params.lr = '2'",
        orderBy: ['metrics.loss DESC'],
      },
      { experimentIds: [experimentId], filter: 'metrics.loss != 5', runViewType: 'ALL', maxResults: 50 },
      { experimentIds: [experimentId], filter: 'metrics.acc < 0.1', runViewType: 'DELETED_ONLY' },
    ];
    const answers = (selectiveMetricMatches: number): string[][] => {
      const store = openTrackingStore({ dbPath, selectiveMetricMatches });
      try {
        return queries.map((query) => {
          const ids: string[] = [];
          let pageToken: string | undefined;
          do {
            const page = store.searchRuns({ ...query, pageToken });
            ids.push(...page.runs.map((run) => run.info.run_name));
            pageToken = page.next_page_token;
          } while (pageToken !== undefined);
          return ids;
        });
      } finally {
        store.close();
      }
    };
    const walking = answers(0);
    const indexed = answers(1_000_000);
    assert.deepEqual(indexed, walking);
    assert.ok(
      walking.every((ids) => ids.length > 0),
      JSON.stringify(walking.map((ids) => ids.length)),
    );
  });
});
