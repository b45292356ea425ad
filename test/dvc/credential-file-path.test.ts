/** Which credential-file paths in `.dvc/config` name a file inside the repository. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { credentialFileInRepository } from '../../server/dvc/credential-options.ts';

describe('credentialFileInRepository', () => {
  it('resolves relative paths from the .dvc folder', () => {
    assert.equal(credentialFileInRepository('../secrets/gcs.json'), 'secrets/gcs.json');
    assert.equal(credentialFileInRepository('keys/lab_ed25519'), '.dvc/keys/lab_ed25519');
    assert.equal(credentialFileInRepository('..\\secrets\\gcs.json'), 'secrets/gcs.json');
    assert.equal(credentialFileInRepository('  ./sa.json '), '.dvc/sa.json');
  });

  it('takes absolute, home, environment and out-of-repository paths, and the root, as outside', () => {
    for (const outside of [
      '/home/ml/.ssh/id_ed25519',
      '~/.config/gcloud/sa.json',
      '$HOME/sa.json',
      '%APPDATA%\\gcloud\\sa.json',
      'C:\\keys\\sa.json',
      '../../ci-secrets/gcs.json',
      '..',
      '',
    ])
      assert.equal(credentialFileInRepository(outside), undefined, outside);
  });
});
