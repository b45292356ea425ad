import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evidenceSentence } from '../../daemon/outcomes/outcome-metrics.ts';

const HOUR = 3_600_000;
const metrics = (evidence_age_ms?: number) => ({
  predictions: 10,
  labelled: evidence_age_ms === undefined ? 0 : 5,
  unlabelled_share: evidence_age_ms === undefined ? 1 : 0.5,
  ...(evidence_age_ms === undefined ? {} : { evidence_age_ms }),
});

test('the evidence sentence says how old the newest labelled prediction is, in whole units', () => {
  assert.equal(evidenceSentence(metrics()), 'no labels yet: no concept drift evidence');
  const ages: [number, string][] = [
    [9 * 24 * HOUR + HOUR, '9 days'],
    [24 * HOUR, '1 day'],
    [5 * HOUR + 59 * 60_000, '5 hours'],
    [HOUR, '1 hour'],
    [59 * 60_000, '59 minutes'],
    [60_000, '1 minute'],
    [0, '0 minutes'],
  ];
  for (const [age, words] of ages)
    assert.equal(
      evidenceSentence(metrics(age)),
      `concept drift evidence covers predictions up to ${words} ago`,
    );
});
