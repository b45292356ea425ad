import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigScopes } from '../../server/lsp/config-scopes.ts';
import type { Logger } from '../../server/lsp/logger.ts';
import { memoryFileSystem } from './memory-file-system.ts';

const silent: Logger = { error() {}, warn() {}, info() {} };

const fs = memoryFileSystem({
  '/repo/.mlops-lens.yaml': 'rules:\n  gpu/limits-missing: warning\n',
  '/repo/k8s/deploy.yaml': '',
  '/repo/team/.mlops-lens.yaml': 'rules:\n  gpu/limits-missing: off\n',
  '/repo/team/serve/deploy.yaml': '',
  '/repo/vendored/.git/HEAD': 'ref: main',
  '/repo/vendored/deploy.yaml': '',
  '/loose/deploy.yaml': '',
});

describe('ConfigScopes', () => {
  it('gives each file the nearest .mlops-lens.yaml, rooted at its folder', async () => {
    const scopes = new ConfigScopes(fs, silent, () => undefined);
    scopes.setFolders(['file:///repo']);
    const root = await scopes.scopeFor('file:///repo/k8s/deploy.yaml');
    assert.equal(root.config.uri, 'file:///repo/.mlops-lens.yaml');
    assert.equal(root.rootUri, 'file:///repo');
    assert.deepEqual(root.config.config.rules, { 'gpu/limits-missing': 'warning' });
    const team = await scopes.scopeFor('file:///repo/team/serve/deploy.yaml');
    assert.equal(team.config.uri, 'file:///repo/team/.mlops-lens.yaml');
    assert.equal(team.rootUri, 'file:///repo/team');
    assert.equal(scopes.cached('file:///repo/team/serve/other.yaml'), team, 'cached per folder');
  });

  it('stops at a repository root and falls back to the defaults of the workspace folder', async () => {
    const scopes = new ConfigScopes(fs, silent, () => undefined);
    scopes.setFolders(['file:///repo']);
    const vendored = await scopes.scopeFor('file:///repo/vendored/deploy.yaml');
    assert.equal(vendored.config.uri, undefined);
    assert.equal(vendored.rootUri, 'file:///repo');
    const loose = await scopes.scopeFor('file:///loose/deploy.yaml');
    assert.equal(loose.rootUri, undefined);
    assert.equal((await scopes.scopeFor('untitled:Untitled-1')).config.uri, undefined);
  });

  it('prefers unsaved editor text, and reads again after clear()', async () => {
    let unsaved: string | undefined = 'rules:\n  gpu/limits-missing: information\n';
    const scopes = new ConfigScopes(fs, silent, (uri) =>
      uri === 'file:///repo/.mlops-lens.yaml' ? unsaved : undefined,
    );
    scopes.setFolders(['file:///repo']);
    const first = await scopes.scopeFor('file:///repo/k8s/deploy.yaml');
    assert.deepEqual(first.config.config.rules, { 'gpu/limits-missing': 'information' });
    unsaved = undefined;
    assert.equal(await scopes.scopeFor('file:///repo/k8s/deploy.yaml'), first, 'unchanged until cleared');
    scopes.clear();
    assert.equal(scopes.cached('file:///repo/k8s/deploy.yaml'), undefined);
    const second = await scopes.scopeFor('file:///repo/k8s/deploy.yaml');
    assert.deepEqual(second.config.config.rules, { 'gpu/limits-missing': 'warning' });
    assert.deepEqual(
      scopes.loadedConfigs().map((scope) => scope.config.uri),
      ['file:///repo/.mlops-lens.yaml'],
    );
  });

  it("applies the configuration's ignore globs relative to its folder", async () => {
    const withIgnores = memoryFileSystem({
      '/repo/team/.mlops-lens.yaml': 'ignore:\n  - generated/\n',
      '/repo/team/generated/a.yaml': '',
    });
    const scopes = new ConfigScopes(withIgnores, silent, () => undefined);
    scopes.setFolders(['file:///repo']);
    const scope = await scopes.scopeFor('file:///repo/team/generated/a.yaml');
    assert.equal(scope.ignores('file:///repo/team/generated/a.yaml'), true);
    assert.equal(scope.ignores('file:///repo/team/a.yaml'), false);
  });
});
