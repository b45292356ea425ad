/** DVC findings name a credential, never its value: not in messages, fix titles or related notes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Analyzer } from '../../server/engine/analyzer.ts';
import { workspaceFromTexts } from '../../server/engine/workspace-view.ts';

const SECRETS = ['AKIAQWERTYSECRET0001', 'q1w2e3r4/SECRET/t5y6u7i8', 'hunter2-secret-password'];
const CONFIG = [
  '[core]',
  '    remote = storage',
  '[\'remote "storage"\']',
  '    url = s3://bucket/path',
  `    access_key_id = ${SECRETS[0]}`,
  `    secret_access_key = ${SECRETS[1]}`,
  '[\'remote "web"\']',
  `    url = https://ci:${SECRETS[2]}@data.example.org/dvc`,
  '',
].join('\n');

describe('DVC findings and secrets', () => {
  it('never show a secret value outside the edits that move it', () => {
    const texts = new Map([
      ['file:///w/.dvc/config', CONFIG],
      ['file:///w/data/x.csv.dvc', 'outs:\n- path: x.csv\n'],
      ['file:///w/README.md', '# Project\n'],
    ]);
    const analyzer = new Analyzer({ workspace: workspaceFromTexts('file:///w', texts) });
    const findings = [...texts].flatMap(([uri, text]) => analyzer.analyze({ uri, text }).findings);
    assert.deepEqual(findings.map((f) => f.ruleId).sort(), [
      'dvc/remote-credentials-in-repo',
      'dvc/remote-credentials-in-repo',
      'dvc/remote-credentials-in-repo',
      'dvc/remote-undocumented',
    ]);
    const shown = findings.flatMap((f) => [
      f.message,
      ...f.related.map((r) => r.message),
      ...f.fixes.map((fix) => fix.title),
    ]);
    // The README section written by the fix shows the remote's URL without its user information.
    const readmeEdits = findings
      .filter((f) => f.ruleId === 'dvc/remote-undocumented')
      .flatMap((f) => f.fixes.flatMap((fix) => fix.changes.flatMap((c) => c.edits.map((e) => e.newText))));
    for (const secret of SECRETS)
      for (const text of [...shown, ...readmeEdits])
        assert.ok(!text.includes(secret), `${secret} in: ${text}`);
  });
});
