import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NATIVE_API_PREFIX, type WorkspacesResponse } from '../../daemon/api/contract.ts';
import { openTrackingStore } from '../../daemon/store/tracking-store.ts';
import { startTestDaemon, tempDir, type TestDaemon } from './daemon-harness.ts';

const ROUTE = `${NATIVE_API_PREFIX}/workspaces`;

describe('workspace registration routes', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startTestDaemon();
  });
  after(async () => {
    await daemon.close();
  });

  it('registers existing directories by their real path and lists them', async () => {
    const root = realpathSync(tempDir('mlops-lens-ws-'));
    const project = path.join(root, 'project');
    mkdirSync(project);
    symlinkSync(project, path.join(root, 'link'));
    const posted = await daemon.call('POST', ROUTE, {
      body: { folders: [project, path.join(root, 'link')] },
    });
    assert.equal(posted.status, 200, posted.text);
    const registered = posted.json as WorkspacesResponse;
    assert.deepEqual(
      registered.folders.map((f) => f.path),
      [project],
    );
    const again = await daemon.call('POST', ROUTE, { body: { folders: [project] } });
    assert.equal((again.json as WorkspacesResponse).folders.length, 1);
    const listed = await daemon.call('GET', ROUTE);
    assert.equal(listed.status, 200);
    assert.deepEqual((listed.json as WorkspacesResponse).folders, registered.folders);
  });

  it('refuses relative paths, traversal, missing paths, files and bad bodies', async () => {
    const root = realpathSync(tempDir('mlops-lens-ws-'));
    const file = path.join(root, 'file.txt');
    writeFileSync(file, 'x');
    mkdirSync(path.join(root, 'a'));
    const refused: unknown[] = [
      { folders: ['relative/folder'] },
      { folders: [`${root}/a/../a`] },
      { folders: [`${root}/./a`] },
      { folders: [path.join(root, 'missing')] },
      { folders: [file] },
      { folders: [`${root}/a\u0000`] },
      { folders: ['/'] },
      { folders: [] },
      { folders: [42] },
      { folders: 'not-a-list' },
      {},
    ];
    for (const body of refused) {
      const reply = await daemon.call('POST', ROUTE, { body });
      assert.equal(reply.status, 400, `${JSON.stringify(body)} -> ${reply.status} ${reply.text}`);
      assert.equal((reply.json as { error_code: string }).error_code, 'INVALID_PARAMETER_VALUE');
    }
    const listed = await daemon.call('GET', ROUTE);
    assert.ok(!(listed.json as WorkspacesResponse).folders.some((f) => f.path.startsWith(root)));
  });

  it('keeps registrations across a restart of the store', () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'tracking.db');
    const first = openTrackingStore({ dbPath });
    first.write(() => first.workspaces.registerFolder(dir));
    first.close();
    const second = openTrackingStore({ dbPath });
    try {
      assert.deepEqual(
        second.read(() => second.workspaces.folders()).map((f) => f.path),
        [dir],
      );
    } finally {
      second.close();
    }
  });
});
