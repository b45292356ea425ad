import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import {
  CodeActionRequest,
  DocumentDiagnosticRequest,
  WorkspaceDiagnosticRequest,
} from 'vscode-languageserver-protocol/node';
import type { CodeAction, TextEdit } from 'vscode-languageserver-protocol/node';
import { buildServer, LspSession, PULL_CLIENT, ROOT } from './lsp-session.ts';
import { NotebookClient, type CellSpec } from './notebook-client.ts';
import { WorkspaceOnDisk } from './workspace-on-disk.ts';

const PAIR = path.join(ROOT, 'test', 'fixtures', 'python', 'rules', 'skew-pair');
const SERVE = readFileSync(path.join(PAIR, 'serve.py'), 'utf8');

/** Training split over cells: imports, a markdown note, transforms, a scaler fitted, then the split. */
const CELLS: CellSpec[] = [
  {
    kind: 'code',
    text: [
      'import joblib',
      'import numpy as np',
      'import pandas as pd',
      'from sklearn.linear_model import LogisticRegression',
      'from sklearn.model_selection import train_test_split',
      'from sklearn.preprocessing import StandardScaler',
      '%matplotlib inline',
      'NUMERIC = ["income", "debt"]',
      'df = pd.read_csv("data/credit.csv")',
    ].join('\n'),
  },
  { kind: 'markdown', text: '# Features\nIncome gets its median where missing.' },
  {
    kind: 'code',
    text: [
      'df["income"] = df["income"].fillna(df["income"].median())',
      'df["debt"] = np.log1p(df["debt"].fillna(0).clip(0, 1_000_000))',
      '',
    ].join('\n'),
  },
  { kind: 'code', text: 'scaler = StandardScaler().fit(df[NUMERIC])' },
  {
    kind: 'code',
    text: [
      'X_train, X_test, y_train, y_test = train_test_split(df[NUMERIC], df["default"], test_size=0.2)',
      'model = LogisticRegression(max_iter=300, random_state=0).fit(scaler.transform(X_train), y_train)',
      'joblib.dump({"scaler": scaler, "model": model}, "artifacts/credit.joblib")',
    ].join('\n'),
  },
];

const NOTEBOOK_JSON = JSON.stringify({
  cells: CELLS.map((cell) => ({
    cell_type: cell.kind,
    metadata: {},
    source: cell.text,
    ...(cell.kind === 'code' ? { outputs: [], execution_count: null } : {}),
  })),
  metadata: {},
  nbformat: 4,
  nbformat_minor: 5,
});

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

/** A diagnostic's message as text. */
function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** Serving's skew finding about training's fill of missing incomes. */
function isIncomeSkew(diagnostic: Diagnostic): boolean {
  return diagnostic.code === 'skew/divergent-transform' && messageOf(diagnostic).startsWith('income');
}

function withCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic | undefined {
  return diagnostics.find((d) => d.code === code);
}

describe('language server over stdio: notebook documents (LSP 3.17)', { timeout: 90_000 }, () => {
  let workspace: WorkspaceOnDisk;
  let session: LspSession;
  let notebook: NotebookClient;

  before(async () => {
    buildServer();
    workspace = new WorkspaceOnDisk({ 'train.ipynb': NOTEBOOK_JSON, 'serve.py': SERVE });
    session = await LspSession.start({ workspaceFolder: workspace.root });
    notebook = new NotebookClient(session, workspace.uri('train.ipynb'));
  });

  after(async () => {
    await session.stop();
    workspace.remove();
  });

  it('announces notebook sync for Jupyter notebooks with Python cells', () => {
    const sync = session.initializeResult.capabilities.notebookDocumentSync;
    assert.deepEqual(sync && 'notebookSelector' in sync ? sync.notebookSelector : undefined, [
      { notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] },
    ]);
  });

  it('publishes findings per cell at cell-relative ranges, with facts across cells', async () => {
    await notebook.open(CELLS);
    const fit = (await session.waitForDiagnostics(notebook.cellUri(3))).diagnostics;
    const leak = withCode(fit, 'repro/fit-before-split');
    assert.ok(leak, `${codes(fit).join(', ')} ${session.logs.join('\n')}`);
    assert.deepEqual(leak.range.start, { line: 0, character: 9 });
    // The split that makes it a leak is in the next cell.
    assert.equal(leak.relatedInformation?.[0]?.location.uri, notebook.cellUri(4));
    assert.equal(leak.relatedInformation?.[0]?.location.range.start.line, 0);
    const split = await session.waitForDiagnostics(notebook.cellUri(4));
    const unseeded = withCode(split.diagnostics, 'repro/unseeded');
    assert.ok(unseeded, codes(split.diagnostics).join(', '));
    assert.equal(unseeded.range.start.line, 0);
    assert.equal(split.version, 1);
  });

  it('moves a diagnostic when its cell is edited', async () => {
    const uri = notebook.cellUri(3);
    const moved = session.waitForDiagnostics(uri, (p) => p.version === 2);
    await notebook.editCell(
      3,
      [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# scale\n' }],
      (text) => `# scale\n${text}`,
    );
    const leak = withCode((await moved).diagnostics, 'repro/fit-before-split');
    assert.deepEqual(leak?.range.start, { line: 1, character: 9 });
  });

  it('clears a finding when the cell it depends on is removed, and brings it back with a new cell', async () => {
    const fitUri = notebook.cellUri(3);
    const splitCell = { kind: 'code' as const, text: notebook.cellText(4) };
    const cleared = session.waitForDiagnostics(
      fitUri,
      (p) => !withCode(p.diagnostics, 'repro/fit-before-split'),
    );
    await notebook.splice(4, 1);
    await cleared;
    const back = session.waitForDiagnostics(
      fitUri,
      (p) => withCode(p.diagnostics, 'repro/fit-before-split') !== undefined,
    );
    await notebook.splice(4, 0, [splitCell]);
    await back;
    // A metadata change alone keeps the findings.
    await notebook.changeMetadata({ kernelspec: { name: 'python3' } });
    await notebook.save();
  });

  it('quick-fixes a cell with edits on the cell document, and the finding goes', async () => {
    const uri = notebook.cellUri(4);
    const published = await session.waitForDiagnostics(
      uri,
      (p) => withCode(p.diagnostics, 'repro/unseeded') !== undefined,
    );
    const unseeded = withCode(published.diagnostics, 'repro/unseeded');
    assert.ok(unseeded);
    const actions = (await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: unseeded.range,
      context: { diagnostics: [unseeded], only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.edit && !a.title.startsWith('Ignore'));
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    const changes = fix.edit?.documentChanges ?? [];
    const edits = changes.flatMap((c) =>
      'textDocument' in c && c.textDocument.uri === uri ? c.edits : [],
    ) as TextEdit[];
    assert.equal(
      edits.length,
      changes.flatMap((c) => ('edits' in c ? c.edits : [])).length,
      'every edit is on the cell',
    );
    const lines = notebook.cellText(4).split('\n');
    const sorted = [...edits].sort(
      (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
    );
    for (const edit of sorted) {
      const line = lines[edit.range.start.line] ?? '';
      assert.equal(edit.range.start.line, edit.range.end.line);
      lines[edit.range.start.line] =
        line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
    }
    const fixedText = lines.join('\n');
    assert.match(fixedText, /random_state=/);
    const version = notebook.cellVersion(4) + 1;
    const after = session.waitForDiagnostics(uri, (p) => p.version === version);
    await notebook.replaceCell(4, fixedText);
    assert.equal(withCode((await after).diagnostics, 'repro/unseeded'), undefined);
  });

  it('pairs the notebook with a serving module: skew findings in serving point into the cell', async () => {
    const serve = workspace.uri('serve.py');
    await session.open(serve, SERVE, 'python');
    const first = await session.diagnosticsForVersion(serve, 1);
    const income = first.find(isIncomeSkew);
    assert.ok(income, first.map((d) => `${String(d.code)}: ${messageOf(d)}`).join('\n'));
    const related = income.relatedInformation?.map((r) => r.location.uri) ?? [];
    assert.ok(related.includes(notebook.cellUri(2)), related.join(', '));
    // Training's fill in the cell now equals serving's: the income finding goes, from the notebook edit alone.
    const gone = session.waitForDiagnostics(serve, (p) => !p.diagnostics.some(isIncomeSkew));
    await notebook.replaceCell(
      2,
      'df["income"] = df["income"].fillna(42000.0)\ndf["debt"] = np.log1p(df["debt"].fillna(0).clip(0, 1_000_000))\n',
    );
    await gone;
  });

  it("offers serving a shared features.py whose edits land on the notebook's cells", async () => {
    const serve = workspace.uri('serve.py');
    const published = await session.waitForDiagnostics(serve, (p) =>
      p.diagnostics.some((d) => d.code === 'skew/divergent-transform' && messageOf(d).startsWith('debt')),
    );
    const debt = published.diagnostics.find((d) => messageOf(d).startsWith('debt'));
    assert.ok(debt);
    const actions = (await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: serve },
      range: debt.range,
      context: { diagnostics: [debt], only: ['quickfix'] },
    })) as CodeAction[];
    const shared = actions.find((a) => a.title.includes('features.py'));
    assert.ok(shared, actions.map((a) => a.title).join(', '));
    const changes = shared.edit?.documentChanges ?? [];
    const created = changes.flatMap((c) => ('kind' in c && c.kind === 'create' ? [c.uri] : []));
    assert.deepEqual(created, [workspace.uri('features.py')]);
    const edited = changes.flatMap((c) => ('textDocument' in c ? [c.textDocument.uri] : []));
    // The import goes in the first cell, the statements leave the third; nothing edits the .ipynb JSON.
    assert.ok(edited.includes(notebook.cellUri(0)), edited.join(', '));
    assert.ok(edited.includes(notebook.cellUri(2)), edited.join(', '));
    assert.ok(edited.includes(serve));
    assert.ok(!edited.includes(notebook.uri));
    const cellEdits = changes.flatMap((c) =>
      'textDocument' in c && c.textDocument.uri === notebook.cellUri(2) ? c.edits : [],
    ) as TextEdit[];
    assert.ok(cellEdits.some((e) => 'newText' in e && e.newText.startsWith('df = prepare_features(df)')));
  });

  it('clears the cells when the notebook closes, and the .ipynb on disk counts again', async () => {
    const serve = workspace.uri('serve.py');
    const cleared = session.waitForDiagnostics(notebook.cellUri(3), (p) => p.diagnostics.length === 0);
    const back = session.waitForDiagnostics(serve, (p) => p.diagnostics.some(isIncomeSkew));
    await notebook.close();
    await cleared;
    const income = (await back).diagnostics.find(isIncomeSkew);
    // Related locations point into the .ipynb file now.
    assert.ok(income?.relatedInformation?.some((r) => r.location.uri === notebook.uri));
  });
});

describe('language server over stdio: notebooks and a pull client', { timeout: 90_000 }, () => {
  let workspace: WorkspaceOnDisk;
  let session: LspSession;

  before(async () => {
    buildServer();
    workspace = new WorkspaceOnDisk({ 'train.ipynb': NOTEBOOK_JSON });
    session = await LspSession.start({ workspaceFolder: workspace.root, capabilities: PULL_CLIENT });
  });

  after(async () => {
    await session.stop();
    workspace.remove();
  });

  it("answers a cell's pull with that cell's findings, unchanged until the notebook changes", async () => {
    const notebook = new NotebookClient(session, workspace.uri('train.ipynb'));
    await notebook.open(CELLS);
    const pull = (uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> =>
      session.connection.sendRequest(DocumentDiagnosticRequest.type, {
        textDocument: { uri },
        ...(previousResultId ? { previousResultId } : {}),
      });
    const first = await pull(notebook.cellUri(3));
    assert.equal(first.kind, 'full');
    assert.deepEqual(codes(first.kind === 'full' ? first.items : []), ['repro/fit-before-split']);
    assert.equal(session.publishHistory.length, 0, 'nothing is pushed to a pull client');
    const again = await pull(notebook.cellUri(3), first.resultId);
    assert.equal(again.kind, 'unchanged');
    await notebook.splice(4, 1);
    const afterRemoval = await pull(notebook.cellUri(3), first.resultId);
    assert.deepEqual(afterRemoval.kind === 'full' ? codes(afterRemoval.items) : ['unchanged'], []);
    await notebook.close();
  });

  it('reports the .ipynb file while closed, and nothing for it while its cells are open', async () => {
    const uri = workspace.uri('train.ipynb');
    const fileReport = async (): Promise<string[]> => {
      const { items } = await session.connection.sendRequest(WorkspaceDiagnosticRequest.type, {
        previousResultIds: [],
      });
      const item = items.find((i) => i.uri === uri);
      return item?.kind === 'full' ? codes(item.items) : [];
    };
    assert.ok((await fileReport()).includes('repro/fit-before-split'));
    const notebook = new NotebookClient(session, uri);
    await notebook.open(CELLS);
    await session.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri: notebook.cellUri(3) },
    });
    assert.deepEqual(await fileReport(), [], 'the cells carry the findings; the file would repeat them');
    await notebook.close();
    assert.ok((await fileReport()).includes('repro/fit-before-split'));
  });
});
