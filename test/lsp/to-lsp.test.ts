import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/engine/types.ts';
import { findingDiagnostic, noteDiagnostic } from '../../server/lsp/to-diagnostic.ts';
import { toWorkspaceEdit } from '../../server/lsp/workspace-edit.ts';

const range = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 9 } });

const FINDING: Finding = {
  ruleId: 'skew/preprocessing',
  severity: 'warning',
  message: 'serve.py scales "age" differently from train.py',
  uri: 'file:///w/serve.py',
  range: range(4),
  docsUrl: 'https://example.test/docs/rules/skew/preprocessing.md',
  related: [{ uri: 'file:///w/train.py', range: range(10), message: 'fitted here' }],
  fixes: [],
};

describe('findingDiagnostic', () => {
  it('carries code, link, related locations and the data the code actions need', () => {
    assert.deepEqual(findingDiagnostic(FINDING, 7, 3), {
      range: range(4),
      severity: 2,
      source: 'mlops-lens',
      code: 'skew/preprocessing',
      codeDescription: { href: FINDING.docsUrl },
      message: FINDING.message,
      data: { ruleId: 'skew/preprocessing', version: 7, index: 3 },
      relatedInformation: [
        { location: { uri: 'file:///w/train.py', range: range(10) }, message: 'fitted here' },
      ],
    });
  });

  it('turns notes into diagnostics coded by their kind', () => {
    const note = {
      uri: 'file:///w/a.yaml',
      range: range(0),
      severity: 'error' as const,
      code: 'parse-error' as const,
      message: 'x',
    };
    assert.deepEqual(noteDiagnostic(note), {
      range: range(0),
      severity: 1,
      source: 'mlops-lens',
      code: 'parse-error',
      message: 'x',
    });
  });
});

describe('toWorkspaceEdit', () => {
  const edit = { range: range(1), newText: 'x' };
  const create = {
    uri: 'file:///w/features.py',
    edits: [{ range: range(0), newText: 'def scale(x): ...\n' }],
    create: true,
  };
  const own = { uri: 'file:///w/serve.py', edits: [edit] };
  const versionOf = (uri: string) => (uri === own.uri ? 5 : null);

  it('creates new files first, then edits them and the open document at its version', () => {
    assert.deepEqual(
      toWorkspaceEdit(
        [create, own],
        { documentChanges: true, createFiles: true, snippets: false },
        versionOf,
      ),
      {
        documentChanges: [
          { kind: 'create', uri: create.uri, options: { ignoreIfExists: true } },
          { textDocument: { uri: create.uri, version: null }, edits: create.edits },
          { textDocument: { uri: own.uri, version: 5 }, edits: [edit] },
        ],
      },
    );
  });

  it('falls back to plain changes, and refuses fixes that need a new file the client cannot create', () => {
    assert.deepEqual(
      toWorkspaceEdit([own], { documentChanges: false, createFiles: false, snippets: false }, versionOf),
      {
        changes: { [own.uri]: [edit] },
      },
    );
    assert.equal(
      toWorkspaceEdit(
        [create, own],
        { documentChanges: true, createFiles: false, snippets: false },
        versionOf,
      ),
      undefined,
    );
    assert.equal(
      toWorkspaceEdit([create], { documentChanges: false, createFiles: false, snippets: false }, versionOf),
      undefined,
    );
  });
});
