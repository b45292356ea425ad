import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS, readSettings, settingsSection } from '../../server/lsp/settings.ts';

describe('readSettings', () => {
  it('takes the defaults for anything missing or mistyped', () => {
    assert.deepEqual(readSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(readSettings('yes'), DEFAULT_SETTINGS);
    assert.deepEqual(
      readSettings({ enable: 'no', workspaceDiagnostics: 1, clusterContext: 7 }),
      DEFAULT_SETTINGS,
    );
  });

  it('reads every field', () => {
    assert.deepEqual(
      readSettings({ enable: false, workspaceDiagnostics: false, clusterContext: 'gpu-prod' }),
      {
        enable: false,
        workspaceDiagnostics: false,
        clusterContext: 'gpu-prod',
      },
    );
  });

  it('lays the client section over the initialization options; null or empty clears the context', () => {
    const initial = readSettings({ clusterContext: 'staging', enable: false });
    assert.deepEqual(readSettings({ enable: true }, initial), { ...initial, enable: true });
    assert.equal(readSettings({ clusterContext: null }, initial).clusterContext, undefined);
    assert.equal(readSettings({ clusterContext: '' }, initial).clusterContext, undefined);
  });

  it('finds the mlopsLens section of a didChangeConfiguration payload', () => {
    assert.deepEqual(settingsSection({ mlopsLens: { enable: false }, other: {} }), { enable: false });
    assert.equal(settingsSection(null), undefined);
  });
});
