import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_LOG_BYTES, MAX_LOG_LINES, logEvidence } from '../../daemon/clusters/log-evidence.ts';

describe('log evidence', () => {
  it('keeps the last lines, capped in count and size', () => {
    const text = Array.from({ length: 500 }, (_, i) => `line ${i} ${'x'.repeat(1000)}`).join('\n');
    const lines = logEvidence(text);
    assert.ok(lines.length <= MAX_LOG_LINES);
    assert.ok(Buffer.byteLength(lines.join('\n')) <= MAX_LOG_BYTES);
    assert.match(lines.at(-1) ?? '', /^line 499 x+…$/);
  });

  it('masks known secrets, credential settings, bearer tokens and URL passwords', () => {
    const lines = logEvidence(
      [
        'connecting with API_TOKEN=abc123def and password: "hunter2 2"',
        'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig',
        'db postgres://ml:s3cret@db:5432/features',
        'daemon token tok-42-xyz in a message',
        'CUDA out of memory. Tried to allocate 20.00 MiB',
      ].join('\n'),
      ['tok-42-xyz'],
    );
    const joined = lines.join('\n');
    for (const secret of ['abc123def', 'hunter2', 'eyJhbGci', 's3cret', 'tok-42-xyz']) {
      assert.ok(!joined.includes(secret), `${secret} leaked: ${joined}`);
    }
    assert.equal(lines[4], 'CUDA out of memory. Tried to allocate 20.00 MiB');
    assert.match(lines[2] ?? '', /postgres:\/\/ml:\[redacted\]@db/);
  });
});
