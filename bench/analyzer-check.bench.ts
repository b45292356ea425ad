/** Cold `mlops-lens check` over the generated manifest corpus, beside yamllint on the same files. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeManifestCorpus } from './manifest-corpus.ts';
import type { BenchRow } from './table.ts';

const root = path.resolve(import.meta.dirname, '..');

function seconds(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function benchAnalyzerCheck(count = 10_000): BenchRow[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-bench-'));
  try {
    const { bytes, lines } = writeManifestCorpus(dir, count);
    let findings = 0;
    const ours = seconds(() => {
      const result = spawnSync(
        process.execPath,
        [path.join(root, 'bin/mlops-lens.js'), 'check', dir, '--format', 'json', '--fail-on', 'never'],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 30,
        },
      );
      if (result.status !== 0) throw new Error(`check failed: ${result.stderr}`);
      findings = (JSON.parse(result.stdout) as { findings: unknown[] }).findings.length;
    });
    const rows: BenchRow[] = [
      {
        area: 'analyzer',
        measure: `cold check, ${count} manifests (${(bytes / 1048576).toFixed(1)} MB, ${lines} lines)`,
        value: `${ours.toFixed(2)} s (${Math.round(lines / ours / 1000)}k lines/s)`,
        target: '≤ 10 s',
        note: `${findings} findings`,
      },
    ];
    const yamllint = spawnSync('yamllint', ['--version'], { encoding: 'utf8' });
    if (yamllint.status !== 0) {
      rows.push({
        area: 'analyzer',
        measure: 'yamllint (peer)',
        value: 'not installed',
        target: '≥ 5× slower than us',
        note: 'apt-get install yamllint',
      });
      return rows;
    }
    // yamllint runs on five of the fifty folders (a tenth of the corpus); the comparison is in lines/s.
    const subset = readdirSync(dir)
      .filter((name) => name.startsWith('team-'))
      .slice(0, Math.max(1, Math.round(50 / 10)));
    const subsetLines = subset.reduce((sum, folder) => sum + countLines(path.join(dir, folder)), 0);
    const peer = seconds(() => {
      spawnSync('yamllint', ['-f', 'parsable', ...subset.map((f) => path.join(dir, f))], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
    });
    const peerRate = subsetLines / peer;
    const ourRate = lines / ours;
    rows.push({
      area: 'analyzer',
      measure: `yamllint (peer), ${subset.length} of 50 folders (${subsetLines} lines)`,
      value: `${peer.toFixed(2)} s (${Math.round(peerRate / 1000)}k lines/s)`,
      target: 'ratio ≥ 5×',
      note: `ours ${(ourRate / peerRate).toFixed(1)}× faster per line`,
    });
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function countLines(folder: string): number {
  const result = spawnSync('sh', ['-c', `cat "${folder}"/*.yaml | wc -l`], { encoding: 'utf8' });
  return Number(result.stdout.trim());
}
