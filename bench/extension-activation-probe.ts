/**
 * One cold activation, in its own process: loads dist/extension.cjs with the `vscode` stub and
 * times `require` and `activate()`. Prints one JSON line; run by extension-activation.bench.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { calls, installVscodeStub, vscodeStub } from './vscode-module-stub.ts';

const root = path.resolve(import.meta.dirname, '..');
installVscodeStub();
const subscriptions: { dispose(): unknown }[] = [];
const logDir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-log-'));
const context = {
  subscriptions,
  extensionUri: (vscodeStub.Uri as { file(p: string): unknown }).file(root),
  extensionPath: root,
  asAbsolutePath: (relative: string) => path.join(root, relative),
  workspaceState: { get: () => undefined, update: () => Promise.resolve() },
  globalState: { get: () => undefined, update: () => Promise.resolve() },
  environmentVariableCollection: vscodeStub,
  logUri: (vscodeStub.Uri as { file(p: string): unknown }).file(logDir),
};
const errors: string[] = [];
process.on('unhandledRejection', (reason) => errors.push(String(reason)));

// VS Code's extension host has these Node modules loaded before any extension activates (its
// IPC runs on net, URIs on url, ids on crypto); loading them here keeps their start-up cost out
// of the extension's figure. child_process and readline stay in it.
for (const builtin of ['fs', 'path', 'os', 'crypto', 'net', 'util', 'url', 'buffer'])
  createRequire(import.meta.url)(`node:${builtin}`);

const loadStart = performance.now();
const extension = createRequire(import.meta.url)(path.join(root, 'dist', 'extension.cjs')) as {
  activate(context: unknown): unknown;
};
const loaded = performance.now();
extension.activate(context);
const activated = performance.now();
// Let the background starts (language client, daemon check) run a moment, to report their errors.
await new Promise((resolve) => setTimeout(resolve, 200));
for (const disposable of subscriptions) {
  try {
    disposable.dispose();
  } catch (error) {
    errors.push(`dispose: ${String(error)}`);
  }
}
rmSync(logDir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ requireMs: loaded - loadStart, activateMs: activated - loaded, vscodeCalls: calls.length, errors })}\n`,
);
process.exit(0);
