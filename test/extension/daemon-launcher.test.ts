/** Starting the daemon for the extension: the Node check, a real start, and a second start. */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readDiscovery } from '../../daemon/process/daemon-files.ts';
import { launchDaemon, nodeMajor } from '../../extension/daemon/daemon-launcher.ts';

const root = path.resolve(import.meta.dirname, '../..');
const script = path.join(root, 'dist', 'daemon.js');

describe('daemon launcher', () => {
  it('refuses a Node older than 22, and one that does not run, with the setting that fixes it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-launcher-'));
    try {
      const oldNode = path.join(dir, 'node20');
      writeFileSync(oldNode, '#!/bin/sh\necho 20.20.2\n');
      chmodSync(oldNode, 0o755);
      assert.equal(await nodeMajor(oldNode), 20);
      const old = await launchDaemon({ nodePath: oldNode, script, dataDir: path.join(dir, 'data') });
      assert.deepEqual(old.ok ? undefined : old.fix, 'nodePath');
      assert.match(old.ok ? '' : old.reason, /Node\.js 20; the daemon needs Node\.js 22 or newer/);
      const missing = await launchDaemon({
        nodePath: path.join(dir, 'nope'),
        script,
        dataDir: path.join(dir, 'data'),
      });
      assert.equal(missing.ok, false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts a detached daemon that serves, and a second start reuses it', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-launcher-data-'));
    try {
      const first = await launchDaemon({ nodePath: process.execPath, script, dataDir });
      assert.ok(first.ok, first.ok ? '' : first.reason);
      const discovery = readDiscovery(dataDir);
      assert.ok(discovery);
      assert.equal(first.url, discovery.url);
      const second = await launchDaemon({ nodePath: process.execPath, script, dataDir });
      assert.ok(second.ok);
      assert.equal(second.url, first.url, 'the running daemon is reused, not replaced');
      process.kill(discovery.pid, 'SIGTERM');
      for (let i = 0; i < 100 && readDiscovery(dataDir); i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(readDiscovery(dataDir), undefined, 'the daemon stopped on SIGTERM');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
