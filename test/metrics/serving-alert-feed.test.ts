/**
 * Serving verdicts become alerts through the alert center, on a real SQLite store: a condition
 * that has held past the rule's duration opens at once (first seen when it began), a younger one
 * is pending, recovery resolves it, and "no data" changes nothing.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AlertCenter } from '../../daemon/alerts/alert-center.ts';
import type { ServingAlertVerdict } from '../../daemon/api/contract.ts';
import { ChangeFeed } from '../../daemon/http/events/change-feed.ts';
import { feedServingAlerts } from '../../daemon/metrics/serving-alert-feed.ts';
import { openTrackingStore, type TrackingStore } from '../../daemon/store/tracking-store.ts';
import { tempDir } from '../daemon/daemon-harness.ts';

const model = { name: 'churn', version: '3' };
const now = 1_800_000_000_000;

function latency(state: ServingAlertVerdict['state'], value?: number, since?: number): ServingAlertVerdict {
  return {
    rule: 'serving_p99_latency',
    state,
    threshold: 0.2,
    for_seconds: 300,
    ...(value === undefined ? {} : { value }),
    ...(since === undefined ? {} : { active_since: since }),
    summary: '',
  };
}

describe('serving alert feed', () => {
  let store: TrackingStore;
  let center: AlertCenter;
  const feed = new ChangeFeed();
  before(() => {
    store = openTrackingStore({ dbPath: path.join(tempDir(), 'tracking.db') });
    center = new AlertCenter(store, feed, () => now);
  });
  after(() => store?.close());

  const active = () =>
    store.read(() =>
      store.alerts.active({
        rule: 'serving/p99-latency',
        modelName: 'churn',
        modelVersion: '3',
        feature: '',
      }),
    );

  it('changes nothing without data', () => {
    assert.deepEqual(feedServingAlerts(center, store, model, [latency('unknown')], now), []);
    assert.equal(active(), undefined);
  });

  it('opens an alert whose condition has held longer than the rule asks, first seen when it began', () => {
    const since = now - 6 * 60_000;
    const changed = feedServingAlerts(center, store, model, [latency('firing', 0.31, since)], now);
    assert.deepEqual(
      changed.map((a) => a.status),
      ['pending', 'open'],
    );
    const alert = active();
    assert.equal(alert?.status, 'open');
    assert.equal(alert?.first_seen, since);
    assert.equal(alert?.value, 310, 'milliseconds, as the alert table states latency');
    assert.equal(alert?.lineage_node, 'model_version:churn@3');
  });

  it('repeats while it holds and resolves when it clears', () => {
    feedServingAlerts(center, store, model, [latency('firing', 0.4, now - 7 * 60_000)], now + 30_000);
    assert.equal(active()?.occurrences, 3);
    const cleared = feedServingAlerts(center, store, model, [latency('inactive', 0.05)], now + 60_000);
    assert.equal(cleared[0]?.status, 'resolved');
    assert.equal(active(), undefined);
  });

  it('keeps a young condition pending', () => {
    feedServingAlerts(center, store, model, [latency('pending', 0.25, now - 60_000)], now + 90_000);
    assert.equal(active()?.status, 'pending');
  });
});
