/** How the daemon CLI fails: no daemon, a dead one, a refused token, usage mistakes. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { BUNDLE_MISSING, runCli } from './cli-harness.ts';
import { tempDir } from './daemon-harness.ts';
import { startDaemonProcess } from './daemon-process.ts';

describe('daemon CLI failures', { skip: BUNDLE_MISSING }, () => {
  const dirs: string[] = [];
  const freshDir = (): string => {
    const dir = tempDir('mlops-lens-cli-fail-');
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('says how to start the daemon when none runs for the data directory (exit 2)', async () => {
    const dir = freshDir();
    const result = await runCli(['runs', 'list', '--data-dir', dir]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /no daemon is running for .*\(no daemon\.json there\)/);
    assert.ok(result.stderr.includes(`mlops-lens daemon --data-dir "${dir}"`), result.stderr);
  });

  it('reads the data directory from MLOPS_LENS_DATA_DIR like the daemon does', async () => {
    const dir = freshDir();
    const result = await runCli(['models', 'list'], { MLOPS_LENS_DATA_DIR: dir });
    assert.equal(result.code, 2);
    assert.ok(result.stderr.includes(dir), result.stderr);
  });

  it('recognises a discovery file left behind by a daemon that was killed', async () => {
    const dir = freshDir();
    const daemon = await startDaemonProcess(dir);
    daemon.child.kill('SIGKILL');
    await daemon.exited;
    assert.ok(existsSync(path.join(dir, 'daemon.json')), 'kill -9 leaves the discovery file');
    const result = await runCli(['models', 'list', '--data-dir', dir]);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      new RegExp(`names process ${daemon.child.pid ?? '?'}, which is no longer running \\(ECONNREFUSED\\)`),
    );
    assert.match(result.stderr, /Start it with: mlops-lens daemon --data-dir/);
  });

  it('explains a token the running daemon refuses (exit 2) and works again with the right one', async () => {
    const dir = freshDir();
    const daemon = await startDaemonProcess(dir);
    try {
      const tokenFile = path.join(dir, 'token');
      const original = readFileSync(tokenFile, 'utf8');
      writeFileSync(tokenFile, `${'x'.repeat(43)}\n`);
      const refused = await runCli(['runs', 'list', '--data-dir', dir]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /refused the token in .*token \(Invalid bearer token\.\)/);
      assert.ok(!refused.stderr.includes(daemon.token), 'the message never shows the real token');
      writeFileSync(tokenFile, original);
      const accepted = await runCli(['runs', 'list', '--data-dir', dir]);
      assert.equal(accepted.code, 0, accepted.stderr);
      assert.equal(accepted.stdout.trim(), 'No runs match.');
    } finally {
      daemon.child.kill('SIGTERM');
      await daemon.exited;
    }
  });

  it('treats usage mistakes as exit 2 with the usage, and --help as exit 0', async () => {
    const dir = freshDir();
    const bare = await runCli(['models', '--data-dir', dir]);
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /missing subcommand: list, versions, promote, rollback/);
    assert.match(bare.stderr, /mlops-lens models promote <model> <version> --alias ALIAS/);
    const unknown = await runCli(['runs', 'delete', '--data-dir', dir]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown subcommand 'delete'/);
    const badFlag = await runCli(['runs', 'list', '--colour', '--data-dir', dir]);
    assert.equal(badFlag.code, 2);
    assert.match(badFlag.stderr, /Unknown option '--colour'/);
    const badMax = await runCli(['runs', 'list', '--max', 'lots', '--data-dir', dir]);
    assert.equal(badMax.code, 2);
    assert.match(badMax.stderr, /--max must be an integer/);
    const help = await runCli(['lineage', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /mlops-lens lineage <model>@<version\|alias>/);
  });
});
