/**
 * The `mlopsLens.gpuPrices` setting as the request the extension sends the daemon: the table in
 * the daemon's field names, or nothing when the setting names no price.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gpuPricesRequest } from '../../extension/daemon/gpu-prices-request.ts';

test('a setting with prices becomes the daemon’s table, with its currency and default', () => {
  assert.deepEqual(
    gpuPricesRequest({ currency: 'EUR', default: 1.9, perGpuHour: { H100: 3.1, A100: 1.6 } }),
    {
      currency: 'EUR',
      default: 1.9,
      per_gpu_hour: { H100: 3.1, A100: 1.6 },
    },
  );
  assert.deepEqual(gpuPricesRequest({ perGpuHour: { L4: 0.7 } }), { per_gpu_hour: { L4: 0.7 } });
});

test('an empty or unset setting sends nothing, so the daemon keeps its table', () => {
  for (const setting of [undefined, null, {}, { currency: 'EUR' }, { perGpuHour: {} }, [], 'cheap'])
    assert.equal(gpuPricesRequest(setting), undefined, JSON.stringify(setting));
});

test('wrong values are passed on for the daemon to refuse with the field at fault', () => {
  assert.deepEqual(gpuPricesRequest({ currency: 3, perGpuHour: { H100: 'x' } }), {
    currency: 3,
    per_gpu_hour: { H100: 'x' },
  });
});
