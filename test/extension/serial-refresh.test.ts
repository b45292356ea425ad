import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SerialRefresh } from '../../extension/daemon/serial-refresh.ts';

describe('SerialRefresh', () => {
  it('folds the calls made during a run into one more run', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const refresh = new SerialRefresh(async () => {
      runs += 1;
      if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const first = refresh.request();
    const second = refresh.request();
    const third = refresh.request();
    release();
    await Promise.all([first, second, third]);
    assert.equal(runs, 2);
    await refresh.request();
    assert.equal(runs, 3);
  });

  it('passes a failure to its callers and runs again afterwards', async () => {
    let fail = true;
    const refresh = new SerialRefresh(() => (fail ? Promise.reject(new Error('down')) : Promise.resolve()));
    await assert.rejects(refresh.request(), /down/);
    fail = false;
    await refresh.request();
  });
});
