/**
 * Runs a measurement on the release build (minified, no source maps): what users download and
 * what VS Code loads. The development build is restored afterwards for the other sections and
 * the tests.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

function build(...flags: string[]): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), ...flags], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}`);
}

export function onReleaseBuild<T>(measure: () => T): T {
  build('--production');
  try {
    return measure();
  } finally {
    build();
  }
}
