/** Renders the params diff as a table: a column per run, differing rows marked and first. */
import type { CompareRun } from './contract.ts';
import type { ParamRow } from './params-diff.ts';

function cell(tag: 'td' | 'th', text: string, className?: string): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

export function renderParamsTable(
  table: HTMLTableElement,
  runs: readonly CompareRun[],
  rows: readonly ParamRow[],
  onlyDiffering: boolean,
): void {
  const head = document.createElement('thead');
  const header = document.createElement('tr');
  header.append(cell('th', 'param'), ...runs.map((run) => cell('th', run.name || run.runId.slice(0, 8))));
  head.append(header);
  const body = document.createElement('tbody');
  for (const row of rows) {
    if (onlyDiffering && !row.differs) continue;
    const tr = document.createElement('tr');
    tr.dataset.param = row.key;
    if (row.differs) tr.className = 'differs';
    tr.append(
      cell('th', row.key),
      ...row.values.map((value) => cell('td', value ?? '—', value === undefined ? 'missing' : undefined)),
    );
    body.append(tr);
  }
  if (body.childElementCount === 0) {
    const empty = document.createElement('tr');
    const note = cell('td', rows.length === 0 ? 'No params logged.' : 'Every param is the same.');
    note.setAttribute('colspan', String(runs.length + 1));
    empty.append(note);
    body.append(empty);
  }
  table.replaceChildren(head, body);
}
