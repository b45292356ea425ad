/** The .dvc/config reader: sections in both quote styles, options with offsets, garbage. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDvcConfig, remotesOf } from '../../server/dvc/parse-dvc-config.ts';

describe('parseDvcConfig', () => {
  it('reads sections, options and the default remote first', () => {
    const text = [
      '[core]',
      '    remote = storage  # default',
      '; a comment',
      '[remote "backup"]',
      '    url = gs://b',
      '[\'remote "storage"\']',
      '    URL = s3://a/b',
      '    access_key_id = X',
    ].join('\r\n');
    const config = parseDvcConfig('file:///w/.dvc/config', text);
    assert.deepEqual(
      config.sections.map((s) => [s.kind, s.name, s.header]),
      [
        ['core', undefined, '[core]'],
        ['remote', 'backup', '[remote "backup"]'],
        ['remote', 'storage', '[\'remote "storage"\']'],
      ],
    );
    assert.equal(config.sections[0]?.options[0]?.value, 'storage');
    const [first] = remotesOf(config);
    assert.equal(first?.name, 'storage');
    const key = first?.options[1];
    assert.equal(text.slice(key!.keyStart, key!.keyEnd), 'access_key_id');
    assert.equal(first?.options[0]?.key, 'url');
  });

  it('never throws on garbage', () => {
    const pieces = ['[', ']', "'", '"', 'remote', ' ', '=', '\n', '#', 'url', '\r\n', ';'];
    let seed = 3;
    for (let round = 0; round < 500; round++) {
      let text = '';
      for (let i = 0; i < 30; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += pieces[seed % pieces.length];
      }
      assert.doesNotThrow(() => remotesOf(parseDvcConfig('file:///w/.dvc/config', text)));
    }
  });
});
