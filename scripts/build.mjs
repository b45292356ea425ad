// Bundles each process into one file with esbuild. `tsc` is only a type check.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(root, 'package.json'));
const dist = path.join(root, 'dist');
mkdirSync(dist, { recursive: true });

const production = process.argv.includes('--production');
/** Node processes: ESM bundles. `createRequire` keeps CommonJS dependencies working inside ESM. */
const nodeEntries = {
  cli: 'server/cli/main.ts',
  server: 'server/lsp/main.ts',
  daemon: 'daemon/main.ts',
  // Started by the daemon's drift worker pool, from beside daemon.js.
  'drift-worker': 'daemon/drift/worker-pool/drift-worker.ts',
};
/**
 * Writes each bundle to a temporary file and renames it into place, so a process that starts a
 * bundle while another build runs (tests build in parallel) never loads half a file.
 */
function writeAtomically({ outputFiles }) {
  for (const file of outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}
const esmBanner = {
  js: "import { createRequire as __mlopsCreateRequire } from 'node:module'; const require = __mlopsCreateRequire(import.meta.url);",
};

const nodeBundles = await build({
  absWorkingDir: root,
  write: false,
  entryPoints: Object.entries(nodeEntries).map(([out, input]) => ({ in: input, out })),
  outdir: dist,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  banner: esmBanner,
  sourcemap: !production,
  minify: production,
  external: ['better-sqlite3'],
  logLevel: 'warning',
});
writeAtomically(nodeBundles);

// The extension runs in VS Code's extension host, which loads CommonJS.
const extensionBundle = await build({
  absWorkingDir: root,
  write: false,
  entryPoints: [{ in: 'extension/main.ts', out: 'extension' }],
  outdir: dist,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  external: ['vscode'],
  logLevel: 'warning',
});
writeAtomically(extensionBundle);

// Webviews run in the browser sandbox inside VS Code: one script per webview, plus its styles.
const webviews = path.join(dist, 'webviews');
mkdirSync(webviews, { recursive: true });
const webviewBundles = await build({
  absWorkingDir: root,
  write: false,
  entryPoints: [
    { in: 'webviews/lineage/main.ts', out: 'lineage' },
    { in: 'webviews/runs-compare/main.ts', out: 'runs-compare' },
    { in: 'webviews/gpu-board/main.ts', out: 'gpu-board' },
    { in: 'webviews/drift-dashboard/main.ts', out: 'drift-dashboard' },
    { in: 'webviews/deploy-progress/main.ts', out: 'deploy-progress' },
    { in: 'webviews/scorecard/main.ts', out: 'scorecard' },
  ],
  outdir: webviews,
  bundle: true,
  platform: 'browser',
  target: 'chrome120',
  format: 'iife',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
});
writeAtomically(webviewBundles);
for (const name of [
  'lineage',
  'runs-compare',
  'gpu-board',
  'drift-dashboard',
  'deploy-progress',
  'scorecard',
])
  copyFileSync(path.join(root, 'webviews', name, `${name}.css`), path.join(webviews, `${name}.css`));
copyFileSync(path.join(root, 'webviews', 'shared', 'panel-page.css'), path.join(webviews, 'panel-page.css'));
copyFileSync(require.resolve('uplot/dist/uPlot.min.css'), path.join(webviews, 'uPlot.min.css'));

// WebAssembly parsers travel beside the bundles.
copyFileSync(
  path.join(path.dirname(require.resolve('web-tree-sitter')), 'tree-sitter.wasm'),
  path.join(dist, 'tree-sitter.wasm'),
);
copyFileSync(
  require.resolve('tree-sitter-python/tree-sitter-python.wasm'),
  path.join(dist, 'tree-sitter-python.wasm'),
);
