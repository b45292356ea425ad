/** The GPU board's pure parts: time alignment per slice, the unavailable state, message validation. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GpuSlice, GpuUsageHistoryResponse } from '../../daemon/api/contract.ts';
import { statusText, unavailableText } from '../../webviews/gpu-board/board-status.ts';
import { parseHostMessage, parseSubject, parseWebviewMessage } from '../../webviews/gpu-board/contract.ts';
import { boardData, sliceSeries } from '../../webviews/gpu-board/slice-series.ts';

const T = Date.UTC(2026, 10, 25, 12);
const gpu = (index: string, extra: Partial<GpuSlice> = {}): GpuSlice => ({
  hostname: 'gpu-node-1',
  gpu: index,
  uuid: `GPU-${index}`,
  model_name: 'NVIDIA H100 80GB HBM3',
  ...extra,
});

const HISTORY: GpuUsageHistoryResponse['series'] = [
  { slice: gpu('10'), metric: 'util_percent', points: [[T, 5]] },
  {
    slice: gpu('2', { namespace: 'ml', pod: 'trainer-0' }),
    metric: 'util_percent',
    points: [
      [T, 90],
      [T + 2000, 95],
    ],
  },
  {
    slice: gpu('2', { namespace: 'ml', pod: 'trainer-0' }),
    metric: 'fb_used_mib',
    points: [
      [T, 1000],
      [T + 1000, 2000],
    ],
  },
  {
    slice: gpu('2', { namespace: 'ml', pod: 'trainer-0' }),
    metric: 'fb_free_mib',
    points: [[T + 1000, 79000]],
  },
  {
    slice: gpu('0', { mig_profile: '3g.40gb', mig_instance: '2', uuid: 'GPU-0' }),
    metric: 'util_percent',
    points: [[T, 40]],
  },
  {
    slice: gpu('0', { mig_profile: '1g.10gb', mig_instance: '10', uuid: 'GPU-0' }),
    metric: 'util_percent',
    points: [[T, 10]],
  },
];

describe('GPU board time alignment', () => {
  it('puts use and framebuffer of one slice on one time axis, null where one has no sample', () => {
    const series = sliceSeries(HISTORY, 1);
    const trainer = series.find((s) => s.pod === 'ml/trainer-0');
    assert.ok(trainer);
    assert.deepEqual(trainer.times, [T, T + 1000, T + 2000]);
    assert.deepEqual(trainer.util, [90, null, 95]);
    assert.deepEqual(trainer.fbUsed, [1000, 2000, null]);
    assert.equal(trainer.fbTotal, 81000, 'the last used plus the last free');
  });

  it('puts a null time after a point followed by missing steps, so uPlot draws a gap', () => {
    const slice = gpu('3');
    const points = (values: number[]): [number, number][] => [
      [T, values[0] ?? 0],
      [T + 15_000, values[1] ?? 0],
      [T + 75_000, values[2] ?? 0],
      [T + 90_000, values[3] ?? 0],
    ];
    const [series] = sliceSeries(
      [
        { slice, metric: 'util_percent', points: points([10, 20, 30, 40]) },
        { slice, metric: 'fb_used_mib', points: points([100, 200, 300, 400]) },
      ],
      15,
    );
    assert.deepEqual(series?.times, [T, T + 15_000, T + 30_000, T + 75_000, T + 90_000]);
    assert.deepEqual(series?.util, [10, 20, null, 30, 40]);
    assert.deepEqual(series?.fbUsed, [100, 200, null, 300, 400]);
  });

  it('orders slices as nvidia-smi does: host, GPU index numerically, MIG instance', () => {
    const keys = sliceSeries(HISTORY, 1).map((s) => `${s.gpu}${s.migProfile ? `/${s.migProfile}` : ''}`);
    assert.deepEqual(keys, ['0/3g.40gb', '0/1g.10gb', '2', '10']);
  });

  it('a slice without a pod says so by leaving pod out', () => {
    const idle = sliceSeries(HISTORY, 1).find((s) => s.gpu === '10');
    assert.equal(idle?.pod, undefined);
  });
});

describe('GPU board when Prometheus is down', () => {
  const down: GpuUsageHistoryResponse = {
    context: 'lab',
    availability: {
      state: 'unavailable',
      checked_time: T + 60_000,
      unavailable_since: T,
      reason: 'connect ECONNREFUSED',
    },
    start: T - 3600_000,
    end: T,
    step_seconds: 1,
    // Even if series came along, none may be shown as current.
    series: HISTORY,
  };

  it('shows no numbers and says since when', () => {
    const data = boardData(down, 60);
    assert.deepEqual(data.slices, []);
    const text = unavailableText(data) ?? '';
    assert.match(text, /^Prometheus of lab unavailable since .+: connect ECONNREFUSED\./);
    assert.match(text, /No GPU numbers are shown/);
    assert.equal(statusText(data), 'lab: no data');
  });

  it('refuses an unavailable message that carries numbers', () => {
    const data = boardData({ ...down, availability: { state: 'available', checked_time: T } }, 60);
    assert.ok(data.slices.length > 0);
    assert.equal(unavailableText(data), undefined);
    const forged = { ...data, availability: { state: 'unavailable', checkedTime: T } };
    assert.equal(parseHostMessage({ type: 'usage', payload: forged }), undefined);
    assert.deepEqual(parseHostMessage({ type: 'usage', payload: data }), { type: 'usage', payload: data });
  });
});

describe('GPU board protocol', () => {
  it('refuses uneven columns, unknown windows and other messages', () => {
    const data = boardData(
      {
        context: 'lab',
        availability: { state: 'available', checked_time: T },
        start: T,
        end: T,
        step_seconds: 1,
        series: HISTORY,
      },
      15,
    );
    const [first, ...rest] = data.slices;
    assert.ok(first);
    const uneven = { ...data, slices: [{ ...first, util: first.util.slice(1) }, ...rest] };
    assert.equal(parseHostMessage({ type: 'usage', payload: uneven }), undefined);
    assert.deepEqual(parseWebviewMessage({ type: 'setWindow', payload: { minutes: 360 } }), {
      type: 'setWindow',
      payload: { minutes: 360 },
    });
    assert.equal(parseWebviewMessage({ type: 'setWindow', payload: { minutes: 7 } }), undefined);
    assert.equal(parseWebviewMessage({ type: 'initialized' }), undefined, 'the shared handshake owns it');
    assert.deepEqual(parseSubject({ context: 'lab', minutes: 60 }), { context: 'lab', minutes: 60 });
    assert.equal(parseSubject({ context: '', minutes: 60 }), undefined);
  });
});
