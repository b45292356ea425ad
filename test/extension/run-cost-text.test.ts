import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TrainingRunCost } from '../../daemon/api/cost-contract.ts';
import { runCostDescription, runCostTooltip } from '../../extension/views/run-cost-text.ts';

const cost = (overrides: Partial<TrainingRunCost> = {}): TrainingRunCost => ({
  run_id: 'r1',
  run_name: 'train',
  status: 'FINISHED',
  start_time: 0,
  duration_hours: 1.5,
  gpu_count: 8,
  gpu_type: 'NVIDIA A100-SXM4-80GB',
  gpu_source: 'tag',
  gpu_hours: 12,
  price_per_gpu_hour: 2.5,
  price_key: 'A100-SXM4-80GB',
  cost: 30,
  currency: 'USD',
  ...overrides,
});

describe('the cost of a run in the Runs view', () => {
  it('shows GPU-hours and the estimated cost beside the run', () => {
    assert.equal(runCostDescription(cost()), '12 GPU-h · 30.00 USD');
    assert.equal(
      runCostDescription(cost({ gpu_hours: 0.0123456, cost: 0.04, currency: 'EUR' })),
      '0.0123 GPU-h · 0.04 EUR',
    );
    assert.equal(runCostDescription(cost({ gpu_hours: 1234.56, cost: 3086.4 })), '1235 GPU-h · 3086.40 USD');
  });

  it('shows nothing beside a run that used no GPU, or that the daemon did not price', () => {
    assert.equal(runCostDescription(cost({ gpu_count: 0, gpu_hours: 0, cost: 0 })), undefined);
    assert.equal(runCostDescription(undefined), undefined);
    assert.equal(runCostTooltip(undefined), undefined);
  });

  it('explains the figures in the tooltip: GPUs, where they were read, duration and price', () => {
    assert.equal(
      runCostTooltip(cost()),
      'GPU cost: 8 × NVIDIA A100-SXM4-80GB (from the `mlops_lens.gpu.count` tag) for 1.5 h = 12 GPU-hours ' +
        '≈ 30.00 USD at 2.50 USD per GPU-hour (price table: A100-SXM4-80GB).',
    );
    assert.equal(
      runCostTooltip(
        cost({
          status: 'RUNNING',
          gpu_count: 0.25,
          gpu_type: undefined,
          gpu_source: 'cluster_pod',
          duration_hours: 2,
          gpu_hours: 0.5,
          price_per_gpu_hour: 2,
          price_key: 'default',
          cost: 1,
        }),
      ),
      'GPU cost: 0.25 × GPU (from the cluster pod it trained in) for 2 h so far = 0.5 GPU-hours ≈ 1.00 USD ' +
        'at 2.00 USD per GPU-hour (price table: default).',
    );
    assert.match(
      runCostTooltip(cost({ gpu_count: 0, gpu_hours: 0, cost: 0 })) ?? '',
      /^GPU cost: no GPU recorded/,
    );
  });
});
