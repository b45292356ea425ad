/**
 * The packaged extension: the size of the .vsix that vsce builds as the end-to-end tests do,
 * dependencies included (what users download), and what is inside it (the files `vsce ls`
 * lists, uncompressed, grouped), largest first.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onReleaseBuild } from './release-build.ts';
import type { BenchRow } from './table.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

function vsce(...args: string[]): string {
  const result = spawnSync(process.execPath, [VSCE, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`vsce ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const megabytes = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** The group a packaged file is counted in: each bundle alone, folders and source maps together. */
function groupOf(file: string): string {
  if (file.endsWith('.map')) return 'source maps (*.map)';
  if (file.startsWith('dist/')) return file;
  const [top, second] = file.split('/');
  if (top === 'node_modules' && second) return `node_modules/${second}/**`;
  if (second !== undefined) return `${top}/**`;
  return 'top-level files (package.json, README, …)';
}

export function benchExtensionVsix(): BenchRow[] {
  return onReleaseBuild(measureVsix);
}

function measureVsix(): BenchRow[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-vsix-'));
  // What users download is the release build (minified, no source maps); the development
  // build is restored afterwards for the other sections and the tests.
  const build = (...flags: string[]): void => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), ...flags], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}`);
  };
  build('--production');
  try {
    const vsix = path.join(dir, 'mlops-lens.vsix');
    vsce('package', '-o', vsix);
    const files = vsce('ls').split('\n').filter(Boolean);
    const groups = new Map<string, { bytes: number; files: number }>();
    for (const file of files) {
      const group = groups.get(groupOf(file)) ?? { bytes: 0, files: 0 };
      group.bytes += statSync(path.join(ROOT, file)).size;
      group.files += 1;
      groups.set(groupOf(file), group);
    }
    const unpacked = [...groups.values()].reduce((sum, g) => sum + g.bytes, 0);
    return [
      {
        area: 'extension',
        measure: `.vsix size (vsce package, ${files.length} files)`,
        value: megabytes(statSync(vsix).size),
        target: '≤ 10 MB',
        note: `${megabytes(unpacked)} unpacked`,
      },
      ...[...groups.entries()]
        .sort((a, b) => b[1].bytes - a[1].bytes)
        .map(([group, { bytes, files: count }]) => ({
          area: 'extension',
          measure: `.vsix content: ${group}`,
          value: megabytes(bytes),
          target: '',
          note: count > 1 ? `${count} files, uncompressed` : 'uncompressed',
        })),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
