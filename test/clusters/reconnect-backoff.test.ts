import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReconnectBackoff } from '../../daemon/clusters/reconnect-backoff.ts';

describe('reconnect backoff', () => {
  it('doubles its ceiling up to the cap, and draws below it', () => {
    const top = new ReconnectBackoff({ initialMs: 500, maxMs: 60_000, random: () => 1 });
    assert.deepEqual(
      Array.from({ length: 10 }, () => top.next()),
      [500, 1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000],
    );
    const low = new ReconnectBackoff({ initialMs: 500, maxMs: 60_000, random: () => 0 });
    assert.ok(
      Array.from({ length: 10 }, () => low.next()).every((ms) => ms === 250),
      'never below half the first step',
    );
  });

  it('spreads the delays of many watches that failed together', () => {
    const delays = Array.from({ length: 200 }, () => {
      const backoff = new ReconnectBackoff({ initialMs: 500, maxMs: 60_000 });
      for (let i = 0; i < 5; i++) backoff.next();
      return backoff.next();
    });
    assert.ok(new Set(delays).size > 100, `only ${new Set(delays).size} distinct delays`);
    assert.ok(delays.every((ms) => ms >= 250 && ms <= 16_000));
  });

  it('starts over after a success', () => {
    const backoff = new ReconnectBackoff({ initialMs: 100, maxMs: 1000, random: () => 1 });
    backoff.next();
    backoff.next();
    backoff.reset();
    assert.equal(backoff.next(), 100);
  });
});
