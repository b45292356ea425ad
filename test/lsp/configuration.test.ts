import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DidChangeConfigurationNotification } from 'vscode-languageserver-protocol/node';
import { ALL_RULES } from '../../server/rules/registry.ts';
import { buildServer, LspSession } from './lsp-session.ts';
import { configWithOnly, GPU_KEY_RANGE, GPU_WITHOUT_LIMIT } from './manifests.ts';
import { WorkspaceOnDisk } from './workspace-on-disk.ts';

const ONLY_LIMITS = configWithOnly(
  ['gpu/limits-missing'],
  ALL_RULES.map((rule) => rule.meta.id),
);

describe('language server over stdio: configuration with a push client', { timeout: 60_000 }, () => {
  let workspace: WorkspaceOnDisk;
  let session: LspSession;

  before(async () => {
    buildServer();
    workspace = new WorkspaceOnDisk({
      // A wrong enum value on the last line: that section is dropped, the rules are kept.
      '.mlops-lens.yaml': `${ONLY_LIMITS}cluster:\n  migStrategy: mixd\n`,
      'k8s/deploy.yaml': GPU_WITHOUT_LIMIT,
    });
    session = await LspSession.start({ workspaceFolder: workspace.root });
  });

  after(async () => {
    await session.stop();
    workspace.remove();
  });

  it('pushes the problems of a broken .mlops-lens.yaml that is not open, at the exact place', async () => {
    const line = ONLY_LIMITS.split('\n').length;
    const { diagnostics } = await session.waitForDiagnostics(workspace.uri('.mlops-lens.yaml'));
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.source, d.range]),
      [['config-error', 'mlops-lens', { start: { line, character: 15 }, end: { line, character: 19 } }]],
    );
    const message = diagnostics[0]?.message;
    assert.ok(typeof message === 'string' && message.includes('migStrategy'));
  });

  it('re-analyses open documents when the open configuration is edited', async () => {
    const manifest = workspace.uri('k8s/deploy.yaml');
    await session.open(manifest, GPU_WITHOUT_LIMIT);
    assert.deepEqual(
      (await session.diagnosticsForVersion(manifest, 1)).map((d) => [d.code, d.severity, d.range]),
      [['gpu/limits-missing', 1, GPU_KEY_RANGE]],
    );
    const config = workspace.uri('.mlops-lens.yaml');
    const configText = `${ONLY_LIMITS}cluster:\n  migStrategy: mixd\n`;
    await session.open(config, configText);
    const lines = configText.split('\n');
    const last = lines.length - 2;
    const fixedConfig = session.waitForDiagnostics(config, (p) => p.version === 2);
    const reanalysed = session.waitForDiagnostics(manifest, (p) => p.diagnostics[0]?.severity === 2);
    // Fix the enum and demote the rule to a warning in one change notification.
    await session.change(config, [
      { range: { start: { line: last, character: 15 }, end: { line: last, character: 19 } }, text: 'mixed' },
      {
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
        text: '  gpu/limits-missing: warning\n',
      },
    ]);
    assert.deepEqual((await fixedConfig).diagnostics, []);
    assert.deepEqual(
      (await reanalysed).diagnostics.map((d) => [d.code, d.severity]),
      [['gpu/limits-missing', 2]],
    );
  });

  it('clears every diagnostic when disabled in the settings, and reports again when enabled', async () => {
    const manifest = workspace.uri('k8s/deploy.yaml');
    const cleared = session.waitForDiagnostics(manifest, (p) => p.diagnostics.length === 0);
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { mlopsLens: { enable: false } },
    });
    await cleared;
    const back = session.waitForDiagnostics(manifest, (p) => p.diagnostics.length === 1);
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { mlopsLens: { enable: true } },
    });
    assert.equal((await back).diagnostics[0]?.code, 'gpu/limits-missing');
  });
});
