/**
 * The same end-to-end checks in desktop VS Code (Electron) through @vscode/test-electron, for
 * machines that can download VS Code. It downloads a VS Code build, so it runs only when asked:
 * MLOPS_LENS_TEST_ELECTRON=1. The code-server tests in test/e2e cover real VS Code everywhere.
 */
import path from 'node:path';
import { it } from 'node:test';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(import.meta.dirname, '../..');
const enabled = process.env.MLOPS_LENS_TEST_ELECTRON === '1';
if (!enabled) {
  process.stdout.write(
    '# @vscode/test-electron suite skipped: it downloads VS Code; set MLOPS_LENS_TEST_ELECTRON=1 where that is possible\n',
  );
}

it(
  'passes the in-editor suite in desktop VS Code',
  { skip: !enabled && 'needs a VS Code download' },
  async () => {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'test', 'electron', 'in-editor-suite.cjs'),
      launchArgs: [path.join(root, 'examples', 'churn'), '--disable-extensions', '--disable-workspace-trust'],
    });
  },
);
