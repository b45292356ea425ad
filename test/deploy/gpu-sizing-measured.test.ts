/**
 * The sizing estimate against peaks measured on real GPUs (test/fixtures/gpu-sizing: ResNet-50,
 * BERT-base, GPT-2, a 1B and a 7B Llama-shaped model serving a batch with PyTorch on an H100 and
 * an H200; measure_model.py beside them says how). An estimate must never be below the measured
 * peak, which would place the model on a slice it does not fit, and not so far above that it
 * wastes a bigger slice.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sizeGpu } from '../../daemon/deploy/gpu-sizing.ts';

interface MeasuredPeak {
  model: string;
  gpu: string;
  framework: string;
  workload: string;
  artifact_bytes: number;
  nvml_peak_process_mib: number;
}

const peaks = readFileSync(
  path.resolve(import.meta.dirname, '../fixtures/gpu-sizing/measured-peaks.jsonl'),
  'utf8',
)
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as MeasuredPeak);

const WHOLE_GPU = [{ resource: 'nvidia.com/gpu', memoryMib: 143_771, free: 1, note: 'a whole GPU' }];
/** Over this the estimate would skip a slice that fits: 1g.10gb → 1g.20gb is 2×. */
const MOST_OVER = 1.6;

describe('GPU sizing estimate against measured peaks', () => {
  it('has measurements from small and large models', () => {
    assert.ok(peaks.length >= 5);
    assert.ok(
      peaks.some((p) => p.artifact_bytes < 200 * 2 ** 20) &&
        peaks.some((p) => p.artifact_bytes > 10 * 2 ** 30),
    );
  });

  for (const peak of peaks) {
    it(`${peak.model} on ${peak.gpu} (${peak.workload}): estimate covers the peak of ${peak.nvml_peak_process_mib} MiB`, () => {
      const sizing = sizeGpu({ artifactBytes: peak.artifact_bytes, framework: peak.framework }, WHOLE_GPU);
      assert.equal(sizing.basis, 'estimate');
      const ratio = sizing.required_memory_mib / peak.nvml_peak_process_mib;
      assert.ok(ratio >= 1, `estimate ${sizing.required_memory_mib} MiB is below the measured peak`);
      assert.ok(
        ratio <= MOST_OVER,
        `estimate ${sizing.required_memory_mib} MiB is ${ratio.toFixed(2)}× the peak`,
      );
    });
  }
});
