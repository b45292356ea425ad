import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_DAEMON_PORT } from '../../daemon/api/contract.ts';
import { createLogger } from '../../daemon/log/logger.ts';
import { defaultDataDir, parseDaemonOptions, UsageError } from '../../daemon/process/daemon-options.ts';

describe('daemon flags and defaults', () => {
  it('defaults to loopback, the fixed port and the per-user data folder', () => {
    const options = parseDaemonOptions([], { XDG_DATA_HOME: '/xdg' });
    assert.deepEqual(options, {
      dataDir: path.join('/xdg', 'mlops-lens'),
      port: DEFAULT_DAEMON_PORT,
      host: '127.0.0.1',
      provenanceGate: 'warn',
      shutdownTimeoutMs: 10_000,
      help: false,
    });
  });

  it('reads --shutdown-timeout in seconds and refuses what is not a positive number', () => {
    assert.equal(parseDaemonOptions(['--shutdown-timeout', '2.5']).shutdownTimeoutMs, 2500);
    for (const value of ['0', '-1', 'soon', '1e3', '3601'])
      assert.throws(() => parseDaemonOptions(['--shutdown-timeout', value]), UsageError, value);
  });

  it('reads --provenance-gate and refuses an unknown mode', () => {
    assert.equal(parseDaemonOptions(['--provenance-gate', 'refuse']).provenanceGate, 'refuse');
    assert.equal(parseDaemonOptions(['--provenance-gate', 'off']).provenanceGate, 'off');
    assert.throws(() => parseDaemonOptions(['--provenance-gate', 'strict']), UsageError);
  });

  it('reads --data-dir, --port (0 = any free port) and --host', () => {
    const options = parseDaemonOptions(['--data-dir', '/tmp/d', '--port', '0', '--host', '0.0.0.0']);
    assert.equal(options.dataDir, '/tmp/d');
    assert.equal(options.port, 0);
    assert.equal(options.host, '0.0.0.0');
  });

  it('refuses bad ports and unknown flags', () => {
    for (const args of [['--port', '-1'], ['--port', '70000'], ['--port', 'x'], ['--verbose'], ['extra']]) {
      assert.throws(() => parseDaemonOptions(args), UsageError, args.join(' '));
    }
  });

  it('follows each platform for the data folder', () => {
    assert.equal(
      defaultDataDir({}, 'linux', '/home/ana'),
      path.join('/home/ana', '.local', 'share', 'mlops-lens'),
    );
    assert.equal(
      defaultDataDir({ XDG_DATA_HOME: 'relative' }, 'linux', '/home/ana'),
      path.join('/home/ana', '.local', 'share', 'mlops-lens'),
    );
    assert.equal(
      defaultDataDir({}, 'darwin', '/Users/ana'),
      path.join('/Users/ana', 'Library', 'Application Support', 'mlops-lens'),
    );
    assert.equal(
      defaultDataDir({ LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'win32', 'C:\\Users\\ana'),
      path.join('C:\\Users\\ana\\AppData\\Local', 'mlops-lens'),
    );
    assert.equal(defaultDataDir({ MLOPS_LENS_DATA_DIR: '/srv/lens' }, 'linux', '/home/ana'), '/srv/lens');
  });
});

describe('daemon logger', () => {
  it('writes one JSON object per line and masks secrets and credential fields', () => {
    const lines: string[] = [];
    const logger = createLogger(
      (line) => lines.push(line),
      () => new Date(0),
    );
    logger.addSecret('s3cr3t-token');
    logger.info('request', { url: '/x', authorization: 'Bearer s3cr3t-token' });
    logger.warn('saw s3cr3t-token in a message', { nested: { note: 'value s3cr3t-token' } });
    logger.error('failed', { error: new Error('boom s3cr3t-token') });
    assert.equal(lines.length, 3);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(records[0], {
      time: '1970-01-01T00:00:00.000Z',
      level: 'info',
      msg: 'request',
      url: '/x',
      authorization: '[redacted]',
    });
    assert.ok(lines.every((line) => line.endsWith('\n') && !line.includes('s3cr3t-token')));
    assert.equal((records[2]?.error as { message: string }).message, 'boom [redacted]');
  });
});
