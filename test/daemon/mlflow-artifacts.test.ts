/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument -- wire tests read raw JSON replies and check them by value */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ArtifactBlobs } from '../../daemon/store/artifact-blobs.ts';
import { startTestDaemon, type TestDaemon } from './daemon-harness.ts';

const BASE = '/api/2.0/mlflow-artifacts/artifacts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    statSync(path.join(dir, f)).isFile(),
  );
}

describe('mlflow-artifacts routes', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startTestDaemon();
  });
  after(async () => daemon.close());

  it('uploads raw bytes and downloads them byte for byte, stored under their SHA-256', async () => {
    const blob = randomBytes(1536 * 1024);
    const put = await daemon.call('PUT', `${BASE}/1/abc/artifacts/model/model.pkl`, {
      rawBody: blob,
      headers: { 'content-type': undefined },
    });
    assert.equal(put.status, 200, put.text);
    const got = await daemon.call('GET', `${BASE}/1/abc/artifacts/model/model.pkl`);
    assert.equal(got.status, 200);
    assert.ok(got.body.equals(blob));
    const digest = createHash('sha256').update(blob).digest('hex');
    assert.ok(filesUnder(path.join(daemon.dataDir, 'artifacts')).some((f) => f.endsWith(digest)));
  });

  it('stores identical content once and lists a directory like MLflow', async () => {
    const before = filesUnder(path.join(daemon.dataDir, 'artifacts', 'sha256')).length;
    const text = Buffer.from('flavors:\n  sklearn: {}\n');
    for (const name of ['MLmodel', 'copy/MLmodel']) {
      await daemon.call('PUT', `${BASE}/1/run2/artifacts/model/${name}`, {
        rawBody: text,
        headers: { 'content-type': 'application/octet-stream' },
      });
    }
    assert.equal(filesUnder(path.join(daemon.dataDir, 'artifacts', 'sha256')).length, before + 1);
    const list = await daemon.call('GET', BASE, { query: { path: '1/run2/artifacts/model' } });
    assert.equal(list.status, 200);
    assert.deepEqual(list.json.files, [
      { path: 'MLmodel', is_dir: false, file_size: text.length },
      { path: 'copy', is_dir: true },
    ]);
    const empty = await daemon.call('GET', BASE, { query: { path: '1/nothing-here' } });
    assert.deepEqual(empty.json.files, []);
  });

  it('keeps names with spaces and percent-encoding', async () => {
    await daemon.call('PUT', `${BASE}/1/run3/artifacts/my%20plot.png`, { rawBody: 'png' });
    const got = await daemon.call('GET', `${BASE}/1/run3/artifacts/my%20plot.png`);
    assert.equal(got.text, 'png');
    const list = await daemon.call('GET', BASE, { query: { path: '1/run3/artifacts' } });
    assert.deepEqual(list.json.files, [{ path: 'my plot.png', is_dir: false, file_size: 3 }]);
  });

  it('answers 404 for a missing artifact', async () => {
    const res = await daemon.call('GET', `${BASE}/1/none/artifacts/x.txt`);
    assert.equal(res.status, 404);
    assert.equal(res.json.error_code, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('makes path traversal impossible: .., encoded dots, absolute paths, backslashes', async () => {
    const hostile = [
      `${BASE}/../../etc/passwd`,
      `${BASE}/1/../../../etc/passwd`,
      `${BASE}/%2e%2e/%2e%2e/etc/passwd`,
      `${BASE}/1/%2E%2E/secret`,
      `${BASE}/%2Fetc%2Fpasswd`,
      `${BASE}//etc/passwd`,
      `${BASE}/1/..%2F..%2Fetc`,
      `${BASE}/1/..%5C..%5Cwindows`,
      `${BASE}/1\\..\\..\\x`,
      `${BASE}/C:%5Cwindows`,
      `${BASE}/1/a%00b`,
      `${BASE}/1/%zz`,
    ];
    for (const url of hostile) {
      const put = await daemon.call('PUT', url, { rawBody: 'pwned' });
      assert.equal(put.status, 400, `PUT ${url}: ${put.text}`);
      assert.ok(
        ['INVALID_PARAMETER_VALUE', 'BAD_REQUEST'].includes(put.json?.error_code),
        `PUT ${url}: ${put.text}`,
      );
      const get = await daemon.call('GET', url);
      assert.equal(get.status, 400, `GET ${url}`);
    }
    for (const listPath of ['../', '/etc', '1/../..', 'a\\b']) {
      const list = await daemon.call('GET', BASE, { query: { path: listPath } });
      assert.equal(list.status, 400, listPath);
    }
    // Nothing was written outside the blob store, and no blob holds the hostile payload.
    const digest = createHash('sha256').update('pwned').digest('hex');
    assert.ok(!filesUnder(daemon.dataDir).some((f) => f.includes(digest)));
  });

  it('requires the token for artifact transfers too', async () => {
    const res = await daemon.call('GET', `${BASE}/1/abc/artifacts/model/model.pkl`, {
      headers: { authorization: undefined },
    });
    assert.equal(res.status, 401);
  });
});

describe('artifact blob sweep', () => {
  it('removes unfinished uploads and unreferenced blobs, and keeps referenced ones', async () => {
    const daemon = await startTestDaemon();
    try {
      const put = (name: string, body: string) =>
        daemon.call('PUT', `${BASE}/1/r/artifacts/${name}`, { rawBody: body });
      await put('kept.txt', 'kept');
      await put('replaced.txt', 'old content');
      await put('replaced.txt', 'new content');
      await put('deleted.txt', 'deleted content');
      assert.equal((await daemon.call('DELETE', `${BASE}/1/r/artifacts/deleted.txt`)).status, 200);
      const blobs = new ArtifactBlobs(path.join(daemon.dataDir, 'artifacts'));
      writeFileSync(path.join(daemon.dataDir, 'artifacts', 'tmp', 'crashed-upload'), 'partial');
      const sha = (text: string) => createHash('sha256').update(text).digest('hex');
      const result = blobs.sweep((digest) => daemon.store.artifacts.isReferenced(digest));
      assert.equal(result.removed, 3);
      const left = filesUnder(path.join(daemon.dataDir, 'artifacts'));
      assert.deepEqual(left.map((f) => path.basename(f)).sort(), [sha('kept'), sha('new content')].sort());
      assert.equal((await daemon.call('GET', `${BASE}/1/r/artifacts/replaced.txt`)).text, 'new content');
    } finally {
      await daemon.close();
    }
  });
});
