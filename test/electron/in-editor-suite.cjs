// Runs inside desktop VS Code's extension host (loaded by @vscode/test-electron): the extension
// activates on the example project and its diagnostics reach the editor.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

async function waitFor(predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = predicate();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('timed out');
}

exports.run = async function run() {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'the example project is open');
  const serving = vscode.Uri.file(path.join(folder, 'k8s', 'serving.yaml'));
  await vscode.window.showTextDocument(serving);
  const diagnostics = await waitFor(() => {
    const list = vscode.languages.getDiagnostics(serving).filter((d) => d.source === 'mlops-lens');
    return list.length > 0 ? list : undefined;
  }, 60_000);
  assert.ok(diagnostics.some((d) => String(d.code?.value ?? d.code) === 'gpu/limits-missing'));
  const python = vscode.Uri.file(path.join(folder, 'serve.py'));
  await vscode.window.showTextDocument(python);
  const skew = await waitFor(() => {
    const list = vscode.languages.getDiagnostics(python).filter((d) => d.source === 'mlops-lens');
    return list.length > 0 ? list : undefined;
  }, 60_000);
  assert.ok(skew.some((d) => String(d.code?.value ?? d.code) === 'skew/divergent-transform'));
};
