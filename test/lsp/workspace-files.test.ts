import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listWorkspaceFiles } from '../../server/lsp/workspace-files.ts';
import { memoryFileSystem } from './memory-file-system.ts';

const fs = memoryFileSystem({
  '/w/.gitignore': 'build/\n*.generated.yaml\n!keep.generated.yaml\n',
  '/w/.mlops-lens.yaml': 'rules: {}\n',
  '/w/k8s/deploy.yaml': '',
  '/w/k8s/values.yml': '',
  '/w/k8s/out.generated.yaml': '',
  '/w/k8s/keep.generated.yaml': '',
  '/w/k8s/README.md': '',
  '/w/build/deploy.yaml': '',
  '/w/node_modules/chart/deploy.yaml': '',
  '/w/.git/config.yaml': '',
  '/w/models/metadata.json': '{}',
  '/w/team/.gitignore': 'scratch.yaml\n/local/\n',
  '/w/team/scratch.yaml': '',
  '/w/team/serve.yaml': '',
  '/w/team/local/x.yaml': '',
  '/w/other/scratch.yaml': '',
  '/w/vendor/deploy.yaml': '',
});

describe('listWorkspaceFiles', () => {
  it('lists the files the engine knows, honouring nested .gitignore files and skipping node_modules and .git', async () => {
    assert.deepEqual(await listWorkspaceFiles(fs, '/w'), [
      '/w/.mlops-lens.yaml',
      '/w/k8s/README.md',
      '/w/k8s/deploy.yaml',
      '/w/k8s/keep.generated.yaml',
      '/w/k8s/values.yml',
      '/w/models/metadata.json',
      '/w/other/scratch.yaml',
      '/w/team/serve.yaml',
      '/w/vendor/deploy.yaml',
    ]);
  });

  it("honours the configuration's ignore globs", async () => {
    const files = await listWorkspaceFiles(fs, '/w', ['vendor/', '**/*.json']);
    assert.ok(!files.includes('/w/vendor/deploy.yaml'));
    assert.ok(!files.includes('/w/models/metadata.json'));
    assert.ok(files.includes('/w/k8s/deploy.yaml'));
  });

  it('returns nothing for a folder that does not exist', async () => {
    assert.deepEqual(await listWorkspaceFiles(fs, '/missing'), []);
  });
});
