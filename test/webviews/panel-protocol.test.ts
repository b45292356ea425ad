/** The handshake every webview panel shares: its two messages and the subject a restored panel reads. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isInitializedMessage,
  isSubjectMessage,
  savedSubject,
} from '../../webviews/shared/panel-protocol.ts';
import { parseSubject } from '../../webviews/gpu-board/contract.ts';

describe('shared panel handshake', () => {
  it('knows initialized and subject messages and nothing else', () => {
    assert.equal(isInitializedMessage({ type: 'initialized' }), true);
    assert.equal(isInitializedMessage({ type: 'open' }), false);
    assert.equal(isInitializedMessage('initialized'), false);
    assert.equal(isSubjectMessage({ type: 'subject', payload: 'run:1' }), true);
    assert.equal(isSubjectMessage({ type: 'subject' }), false);
  });

  it('restores only a subject the panel accepts', () => {
    const state = { subject: { context: 'lab', minutes: 60 }, choices: { feature: 'x' } };
    assert.deepEqual(savedSubject(state, parseSubject), { context: 'lab', minutes: 60 });
    assert.equal(savedSubject({ subject: { context: 'lab', minutes: 7 } }, parseSubject), undefined);
    assert.equal(savedSubject(undefined, parseSubject), undefined);
    assert.equal(savedSubject([], parseSubject), undefined);
  });
});
