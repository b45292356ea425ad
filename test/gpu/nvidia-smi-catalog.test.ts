/**
 * The MIG catalog against what real GPUs report. Fixtures are `nvidia-smi` output captured on an
 * NVIDIA H100 80GB HBM3 and an NVIDIA H200 (driver 580.159.04): the product and memory that GPU
 * feature discovery turns into node labels, and `nvidia-smi mig -lgip` (the profiles, their
 * usable memory and media-extension variants). Where `nvidia-smi` runs on the machine of the
 * test, its live output is checked the same way.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gpuModelOf, usableProfileMemory, type GpuModel } from '../../server/gpu/mig-catalog.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/nvidia-smi');

interface GpuQuery {
  name: string;
  memoryMib: number;
}

interface LgipProfile {
  name: string;
  media: boolean;
  instances: number;
  memoryGib: number;
}

/** `nvidia-smi --query-gpu=name,memory.total,... --format=csv` (with its header line). */
function parseQueryGpu(csv: string): GpuQuery[] {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [name = '', memory = ''] = line.split(',').map((field) => field.trim());
      return { name, memoryMib: Number.parseInt(memory, 10) };
    });
}

/** The first line of each profile in `nvidia-smi mig -lgip`'s table. */
function parseLgip(text: string): LgipProfile[] {
  const row = /^\|\s+\d+\s+MIG\s+(\d+g\.\d+gb)(\+me)?\s+\d+\s+\d+\/(\d+)\s+([\d.]+)\s/;
  return text.split('\n').flatMap((line) => {
    const match = row.exec(line);
    if (!match?.[1]) return [];
    return [
      { name: match[1], media: match[2] === '+me', instances: Number(match[3]), memoryGib: Number(match[4]) },
    ];
  });
}

/** GPU feature discovery's `nvidia.com/gpu.product`: NVML's name with spaces as dashes. */
function productLabel(name: string): string {
  return name.replace(/\s+/g, '-');
}

function checkGpu(query: GpuQuery, lgip: LgipProfile[] | undefined): GpuModel {
  const model = gpuModelOf(productLabel(query.name));
  assert.ok(model, `${productLabel(query.name)} is not a GPU model of the catalog`);
  const gib = query.memoryMib / 1024;
  assert.ok(
    Math.abs(gib - model.memoryGb) / model.memoryGb < 0.03,
    `${model.id}: nvidia.com/gpu.memory ${query.memoryMib} MiB (${gib.toFixed(1)} GiB) is not about ${model.memoryGb} GB`,
  );
  if (lgip === undefined) return model;
  const plain = lgip.filter((p) => !p.media);
  assert.deepEqual(
    plain.map((p) => p.name).sort(),
    model.profiles.map((p) => p.name).sort(),
    `${model.id}: profiles`,
  );
  assert.deepEqual(
    lgip
      .filter((p) => p.media)
      .map((p) => p.name)
      .sort(),
    [...model.mediaProfiles].sort(),
    `${model.id}: media-extension profiles`,
  );
  for (const profile of plain) {
    const usable = usableProfileMemory(model, profile.name);
    assert.ok(usable.measured, `${model.id} ${profile.name}: usable memory not in the catalog`);
    assert.equal(
      usable.mib,
      Math.round(profile.memoryGib * 1024),
      `${model.id} ${profile.name}: usable memory`,
    );
    // The compute slices of the name bound how many instances fit on the 7-slice GPU.
    const slices = model.profiles.find((p) => p.name === profile.name)?.computeSlices ?? 0;
    assert.ok(profile.instances * slices <= 7, `${model.id} ${profile.name}: ${profile.instances} instances`);
  }
  return model;
}

describe('MIG catalog against nvidia-smi', () => {
  const captured = readdirSync(FIXTURES);
  it('has captures of at least two GPU models', () => assert.ok(captured.length >= 2, captured.join(', ')));

  for (const gpu of captured) {
    it(`matches ${gpu}: product label, memory, profiles, usable memory, media extensions`, () => {
      const queries = parseQueryGpu(readFileSync(path.join(FIXTURES, gpu, 'query-gpu.csv'), 'utf8'));
      const lgip = parseLgip(readFileSync(path.join(FIXTURES, gpu, 'mig-lgip.txt'), 'utf8'));
      assert.ok(queries.length > 0 && lgip.length >= 7, `${gpu}: fixtures parse`);
      for (const query of queries) checkGpu(query, lgip);
    });
  }

  it('a profile of a GPU whose usable memory was not measured is assumed smaller than its name', () => {
    const a100 = gpuModelOf('NVIDIA-A100-SXM4-40GB');
    assert.equal(a100?.id, 'A100-40GB');
    const usable = usableProfileMemory(a100, '1g.5gb');
    assert.equal(usable.measured, false);
    // Public `nvidia-smi mig -lgip` output on an A100 40GB lists 1g.5gb with 4.75 GiB.
    assert.ok(usable.mib <= 4.75 * 1024, `${usable.mib} MiB`);
  });

  const live = spawnSync('nvidia-smi', ['--query-gpu=name,memory.total', '--format=csv'], {
    encoding: 'utf8',
  });
  const skip =
    live.status === 0 ? false : 'nvidia-smi is not on this machine; the captured outputs above were checked';
  if (skip) process.stdout.write(`# live nvidia-smi check skipped: ${skip}\n`);
  it('matches the GPUs of this machine (live nvidia-smi)', { skip }, () => {
    const lgip = spawnSync('nvidia-smi', ['mig', '-lgip'], { encoding: 'utf8' });
    const profiles = lgip.status === 0 ? parseLgip(lgip.stdout) : [];
    for (const query of parseQueryGpu(live.stdout))
      checkGpu(query, profiles.length > 0 ? profiles : undefined);
  });
});
