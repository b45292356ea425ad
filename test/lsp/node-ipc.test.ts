import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALL_RULES } from '../../server/rules/registry.ts';
import { buildServer, LspSession } from './lsp-session.ts';
import { configWithOnly, GPU_KEY_RANGE, GPU_WITHOUT_LIMIT } from './manifests.ts';
import { WorkspaceOnDisk } from './workspace-on-disk.ts';

describe('language server over --node-ipc', { timeout: 60_000 }, () => {
  let workspace: WorkspaceOnDisk;
  let session: LspSession;

  before(async () => {
    buildServer();
    workspace = new WorkspaceOnDisk({
      '.mlops-lens.yaml': configWithOnly(
        ['gpu/limits-missing'],
        ALL_RULES.map((rule) => rule.meta.id),
      ),
    });
    session = await LspSession.start({ workspaceFolder: workspace.root, transport: 'node-ipc' });
  });

  after(async () => {
    await session.stop();
    workspace.remove();
  });

  it('initializes, reports diagnostics and shuts down cleanly', async () => {
    assert.equal(session.initializeResult.serverInfo?.name, 'mlops-lens');
    const uri = workspace.uri('deploy.yaml');
    await session.open(uri, GPU_WITHOUT_LIMIT);
    assert.deepEqual(
      (await session.diagnosticsForVersion(uri, 1)).map((d) => [d.code, d.range]),
      [['gpu/limits-missing', GPU_KEY_RANGE]],
    );
    await session.stop();
    assert.equal(session.exitCode, 0);
  });
});
