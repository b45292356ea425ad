/**
 * The alert center over a real SQLite store, with a test clock: a rule with a duration stays
 * pending until its condition has held that long, a value back within the threshold resolves,
 * one active alert per rule, model version and feature, and every change reaches the feed.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { AlertCenter } from '../../daemon/alerts/alert-center.ts';
import { brierDegradation } from '../../daemon/alerts/alert-rules.ts';
import type { ChangeEventData } from '../../daemon/api/contract.ts';
import { ChangeFeed } from '../../daemon/http/events/change-feed.ts';
import { openTrackingStore } from '../../daemon/store/tracking-store.ts';
import { tempDir } from './daemon-harness.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 25, 9);

function setup() {
  const store = openTrackingStore({ dbPath: path.join(tempDir(), 'tracking.db') });
  const feed = new ChangeFeed();
  const events: ChangeEventData[] = [];
  feed.subscribe((event) => events.push(event.data));
  let now = T0;
  const center = new AlertCenter(store, feed, () => now);
  return { store, center, events, at: (time: number) => (now = time) };
}

test('p99 latency over 200 ms opens only after holding for 5 minutes, and resolves when it recovers', () => {
  const { store, center, events } = setup();
  const latency = { rule: 'serving/p99-latency' as const, modelName: 'churn', modelVersion: '4' };
  assert.equal(
    center.observe({ ...latency, value: 180, time: T0 }),
    undefined,
    'within the threshold: nothing',
  );
  assert.equal(center.observe({ ...latency, value: 250, time: T0 + MINUTE })?.status, 'pending');
  assert.equal(center.observe({ ...latency, value: 260, time: T0 + 4 * MINUTE }), undefined, 'still pending');
  const opened = center.observe({ ...latency, value: 240, time: T0 + 6 * MINUTE });
  assert.equal(opened?.status, 'open');
  assert.equal(opened?.opened_time, T0 + 6 * MINUTE);
  assert.equal(opened?.lineage_node, 'model_version:churn@4');
  assert.equal(opened?.feature, undefined);
  const repeated = center.observe({ ...latency, value: 300, time: T0 + 7 * MINUTE });
  assert.equal(repeated?.alert_id, opened?.alert_id);
  assert.equal(repeated?.value, 300);
  const resolved = center.observe({ ...latency, value: 120, time: T0 + 8 * MINUTE });
  assert.equal(resolved?.status, 'resolved');
  assert.equal(resolved?.resolved_time, T0 + 8 * MINUTE);
  const history = store.read(() => store.alerts.history(resolved?.alert_id ?? ''));
  assert.deepEqual(
    history.map((h) => h.event),
    ['pending', 'opened', 'repeated', 'resolved'],
  );
  assert.deepEqual(
    events.map((e) => (e.type === 'alert_changed' ? e.status : e.type)),
    ['pending', 'open', 'open', 'resolved'],
  );
  const again = center.observe({ ...latency, value: 500, time: T0 + 9 * MINUTE });
  assert.notEqual(again?.alert_id, opened?.alert_id, 'a new episode is a new alert');
  store.close();
});

test('a pending condition that clears before its duration never opens', () => {
  const { store, center } = setup();
  const errors = { rule: 'serving/error-rate' as const, modelName: 'churn', modelVersion: '4' };
  center.observe({ ...errors, value: 0.02, time: T0 });
  const cleared = center.observe({ ...errors, value: 0.005, time: T0 + 30_000 });
  assert.equal(cleared?.status, 'resolved');
  assert.equal(cleared?.opened_time, undefined);
  center.observe({ ...errors, value: 0.03, time: T0 + 2 * MINUTE });
  assert.equal(center.observe({ ...errors, value: 0.03, time: T0 + 3 * MINUTE })?.status, 'open');
  store.close();
});

test('one active alert per rule, model version and feature; Brier degradation is relative', () => {
  const { store, center, at } = setup();
  const base = { rule: 'drift/feature-psi' as const, modelName: 'churn', value: 0.4, time: T0 };
  const a = center.observe({ ...base, modelVersion: '4', feature: 'income' });
  const b = center.observe({ ...base, modelVersion: '4', feature: 'age' });
  const c = center.observe({ ...base, modelVersion: '5', feature: 'income' });
  assert.equal(new Set([a?.alert_id, b?.alert_id, c?.alert_id]).size, 3);
  assert.equal(center.observe({ ...base, modelVersion: '4', feature: 'income' })?.alert_id, a?.alert_id);
  at(T0 + MINUTE);
  const silenced = center.silence(a?.alert_id ?? '', T0 + 60 * MINUTE);
  assert.equal(silenced.status, 'open');
  assert.equal(silenced.silenced_until, T0 + 60 * MINUTE);
  assert.equal(store.read(() => store.alerts.list({ status: 'open', modelVersion: '4' })).length, 2);
  assert.ok(Math.abs(brierDegradation(0.1, 0.12) - 0.2) < 1e-12);
  const brier = center.observe({
    rule: 'quality/brier-degradation',
    modelName: 'churn',
    modelVersion: '5',
    value: brierDegradation(0.1, 0.12),
  });
  assert.equal(brier?.status, 'open');
  assert.equal(
    center.observe({
      rule: 'quality/brier-degradation',
      modelName: 'churn',
      modelVersion: '5',
      value: brierDegradation(0.1, 0.11),
    })?.status,
    'resolved',
  );
  store.close();
});
