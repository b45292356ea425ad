/**
 * The scorecard webview: a model version's score and its six questions, each check with the
 * evidence found or, when missing, what to do, with buttons that hand the fix's command to a
 * terminal or copy it. The host sends the data after `initialized` and again when the version
 * changes in the registry. Which questions are folded is kept across hide and reload.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { HostChannel } from '../shared/host-channel.ts';
import { parseHostMessage } from './contract.ts';
import type { AnswerView, CheckView, ScorecardView, WebviewMessage } from './contract.ts';
import { runLabel, scoreBand, STATUS_MARK, summaryText } from './scorecard-text.ts';

interface Choices {
  readonly folded: readonly string[];
}

const host = new HostChannel<WebviewMessage, Choices>();
const element = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const status = element('status');

function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

function button(label: string, onClick: () => void, secondary = true): HTMLElement {
  const node = document.createElement('vscode-button');
  node.textContent = label;
  if (secondary) node.setAttribute('secondary', '');
  node.addEventListener('click', onClick);
  return node;
}

function checkRow(answer: AnswerView, check: CheckView): HTMLElement {
  const row = make('div', undefined, `check ${check.found ? 'found' : 'missing'}`);
  row.dataset.check = check.name;
  row.append(make('span', check.found ? '✓' : '✗', 'mark'), make('span', check.name, 'name'));
  const detail = make('div', undefined, 'detail');
  if (check.found) {
    for (const line of check.evidence) detail.append(make('div', line, 'evidence'));
  } else if (check.fix !== undefined) {
    const fix = check.fix;
    detail.append(make('div', fix.action, 'action'));
    const code = fix.command ?? fix.snippet;
    if (code !== undefined)
      detail.append(make('code', code, fix.command !== undefined ? 'command' : 'snippet'));
    const actions = make('div', undefined, 'actions');
    const ref = { answer: answer.id, check: check.name };
    const run = runLabel(fix);
    if (run !== undefined)
      actions.append(button(run, () => host.post({ type: 'runFix', payload: ref }), false));
    if (code !== undefined)
      actions.append(button('Copy', () => host.post({ type: 'copyFix', payload: ref })));
    detail.append(actions);
  }
  row.append(detail);
  return row;
}

function answerSection(answer: AnswerView, index: number, folded: ReadonlySet<string>): HTMLElement {
  const section = make('details', undefined, `answer ${answer.status}`);
  section.dataset.answer = answer.id;
  section.open = !folded.has(answer.id);
  const summary = make('summary');
  summary.append(
    make('span', `${STATUS_MARK[answer.status]} ${answer.status}`, 'status'),
    make('span', `${index + 1}. ${answer.question}`, 'question'),
  );
  section.append(summary);
  for (const check of answer.checks) section.append(checkRow(answer, check));
  section.addEventListener('toggle', () => {
    const next = new Set(host.choices.folded ?? []);
    if (section.open) next.delete(answer.id);
    else next.add(answer.id);
    host.save({ folded: [...next] });
  });
  return section;
}

function show(view: ScorecardView): void {
  // MLflow's stage of a version that was never staged is "None": say nothing rather than "None".
  const stage = view.stage === 'None' ? [] : [view.stage];
  const aliases = view.aliases.map((alias) => `@${alias}`);
  element('title').textContent = [`${view.model} v${view.version}`, ...stage, ...aliases].join(' · ');
  const score = element('score');
  score.textContent = `${view.score}/100`;
  score.className = scoreBand(view.score);
  score.setAttribute('aria-valuenow', String(view.score));
  status.textContent = summaryText(view);
  const folded = new Set(host.choices.folded ?? []);
  element('answers').replaceChildren(...view.answers.map((answer, i) => answerSection(answer, i, folded)));
}

element('refresh').addEventListener('click', () => host.post({ type: 'refresh' }));
element('lineage').addEventListener('click', () => host.post({ type: 'showLineage' }));

host.listen(parseHostMessage, (message) => {
  switch (message.type) {
    case 'scorecard':
      show(message.payload);
      break;
    case 'error':
      status.textContent = message.payload.message;
      break;
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
});
