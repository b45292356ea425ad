/**
 * The scorecard's pure parts: the daemon's scorecard as the webview's protocol carries it (and
 * validates it), the words it shows, and what a fix becomes in a terminal.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Scorecard } from '../../daemon/api/scorecard-contract.ts';
import { shellQuote, terminalCommand } from '../../extension/webviews/scorecard-fix-terminal.ts';
import { scorecardView } from '../../extension/webviews/scorecard-view.ts';
import { parseHostMessage, parseSubject, parseWebviewMessage } from '../../webviews/scorecard/contract.ts';
import { runLabel, scoreBand, summaryText } from '../../webviews/scorecard/scorecard-text.ts';

const CARD: Scorecard = {
  model_name: 'churn',
  model_version: '3',
  stage: 'None',
  aliases: ['production'],
  created_time: 0,
  score: 58,
  answers: [
    {
      id: 'provenance',
      question: 'Which data, code, config, environment and hardware produced it?',
      status: 'partial',
      checks: [
        { name: 'code', found: true, evidence: ['git 3f9c2a7'] },
        {
          name: 'data',
          found: false,
          evidence: [],
          fix: { action: 'Log the training data.', snippet: 'mlflow.log_input(ds)' },
        },
      ],
    },
    {
      id: 'ownership',
      question: 'Who owns incidents, retraining, approvals and deprecation?',
      status: 'missing',
      checks: [
        {
          name: 'owner',
          found: false,
          evidence: [],
          fix: {
            action: 'Name the team.',
            command: 'mlops-lens models tag churn@3 mlops_lens.owner=TEAM',
            tag: { key: 'mlops_lens.owner', value: 'TEAM' },
            placeholders: ['TEAM'],
          },
        },
      ],
    },
  ],
};

describe('scorecard webview protocol', () => {
  it('carries the daemon scorecard through validation unchanged', () => {
    const view = scorecardView(CARD);
    const parsed = parseHostMessage(JSON.parse(JSON.stringify({ type: 'scorecard', payload: view })));
    assert.deepEqual(parsed, { type: 'scorecard', payload: view });
    assert.deepEqual(view.answers[0]?.checks[1]?.fix, {
      action: 'Log the training data.',
      placeholders: [],
      snippet: 'mlflow.log_input(ds)',
    });
  });

  it('refuses malformed messages whole', () => {
    const view = scorecardView(CARD);
    assert.equal(parseHostMessage({ type: 'scorecard', payload: { ...view, score: 140 } }), undefined);
    assert.equal(
      parseHostMessage({
        type: 'scorecard',
        payload: { ...view, answers: [{ ...view.answers[0], status: 'done' }] },
      }),
      undefined,
    );
    assert.equal(parseHostMessage({ type: 'other', payload: {} }), undefined);
    assert.deepEqual(parseHostMessage({ type: 'error', payload: { message: 'gone' } }), {
      type: 'error',
      payload: { message: 'gone' },
    });
    assert.deepEqual(
      parseWebviewMessage({ type: 'runFix', payload: { answer: 'ownership', check: 'owner' } }),
      {
        type: 'runFix',
        payload: { answer: 'ownership', check: 'owner' },
      },
    );
    assert.equal(parseWebviewMessage({ type: 'runFix', payload: { command: 'rm -rf /' } }), undefined);
    assert.equal(parseWebviewMessage({ type: 'exec' }), undefined);
    assert.deepEqual(parseSubject({ model: 'churn', version: '3' }), { model: 'churn', version: '3' });
    assert.equal(parseSubject({ model: '', version: '3' }), undefined);
  });

  it('words the summary, the score band and the run button', () => {
    const view = scorecardView(CARD);
    assert.equal(summaryText(view), '0 of 2 questions answered, 2 checks missing');
    assert.deepEqual(
      [scoreBand(100), scoreBand(80), scoreBand(79), scoreBand(50), scoreBand(49)],
      ['good', 'good', 'fair', 'fair', 'poor'],
    );
    const owner = view.answers[1]?.checks[0]?.fix;
    assert.ok(owner);
    assert.equal(runLabel(owner), 'Edit in Terminal (TEAM)');
    assert.equal(runLabel({ ...owner, placeholders: [] }), 'Run in Terminal');
    assert.equal(runLabel({ action: 'a', snippet: 'x', placeholders: [] }), undefined);
  });
});

describe('scorecard fix in a terminal', () => {
  const cli = {
    node: '/opt/node 24/bin/node',
    script: '/ext/dist/daemon.js',
    dataDir: "/home/ana/it's data",
  };

  it('runs mlops-lens commands with the shipped daemon bundle and the data directory', () => {
    assert.deepEqual(
      terminalCommand({ action: 'a', command: 'mlops-lens models tag churn@3 k=v', placeholders: [] }, cli),
      {
        text: "'/opt/node 24/bin/node' /ext/dist/daemon.js models tag --data-dir '/home/ana/it'\\''s data' churn@3 k=v",
        execute: true,
      },
    );
  });

  it('waits for Enter while placeholders are left, and has nothing to run for a snippet', () => {
    const command = terminalCommand(
      { action: 'a', command: 'mlops-lens models tag churn@3 mlops_lens.owner=TEAM', placeholders: ['TEAM'] },
      cli,
    );
    assert.equal(command?.execute, false);
    assert.ok(command?.text.endsWith(' churn@3 mlops_lens.owner=TEAM'), 'the placeholder ends the line');
    assert.equal(
      terminalCommand({ action: 'a', command: 'mlops-lens scorecard churn@3', placeholders: [] }, cli)?.text,
      "'/opt/node 24/bin/node' /ext/dist/daemon.js scorecard --data-dir '/home/ana/it'\\''s data' churn@3",
    );
    assert.equal(terminalCommand({ action: 'a', snippet: 'x', placeholders: [] }, cli), undefined);
    assert.equal(shellQuote('plain-word_1.2'), 'plain-word_1.2');
  });
});
