/**
 * Fuzz-style robustness: thousands of mutated inputs (truncations, random character flips and
 * insertions, Python 2, deep nesting, huge generated files) must give facts without throwing,
 * with valid ranges, each within a generous time bound.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LineIndex } from '../../server/engine/line-index.ts';
import { analyseNotebookJson, analysePythonText } from '../../server/python/analyse-python.ts';
import type { PythonFileFacts } from '../../server/python/facts/file-facts.ts';
import { PythonDocument } from '../../server/python/parser/python-document.ts';
import type { PythonParser } from '../../server/python/parser/python-parser.ts';
import { PYTHON_RULES } from '../../server/python/rules/python-rules.ts';
import { PythonWorkspaceIndex } from '../../server/python/workspace/workspace-index.ts';
import { FIXTURES, fixtureText } from './fixture-facts.ts';
import { createTestParser } from './python-parser-setup.ts';
import { seededRandom as random } from '../robustness/seeded-random.ts';

const TOKENS = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '"""',
  'f"{',
  '}"',
  ':',
  '\n',
  '\t',
  '    ',
  '\\',
  '#',
  '@app.post("/x")\n',
  'def ',
  'class ',
  'joblib.dump(',
  'df["',
  '.fillna(',
  'lambda',
  ' = ',
  '\u0000',
  'é',
  '😀',
  '\ud800',
  '\r',
  '\r\n',
  'print "x"',
  'exec ',
  '`x`',
  '<>',
];

function fixtures(extension: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(extension)) out.push(readFileSync(full, 'utf8'));
    }
  };
  walk(FIXTURES);
  return out;
}

function mutate(text: string, next: () => number): string {
  const at = () => Math.floor(next() * (text.length + 1));
  switch (Math.floor(next() * 5)) {
    case 0:
      return text.slice(0, at());
    case 1: {
      let out = text;
      for (let i = 0, n = 1 + Math.floor(next() * 8); i < n; i++) {
        const position = Math.floor(next() * (out.length + 1));
        out =
          out.slice(0, position) + String.fromCharCode(Math.floor(next() * 0xffff)) + out.slice(position + 1);
      }
      return out;
    }
    case 2: {
      let out = text;
      for (let i = 0, n = 1 + Math.floor(next() * 6); i < n; i++) {
        const position = Math.floor(next() * (out.length + 1));
        out = out.slice(0, position) + TOKENS[Math.floor(next() * TOKENS.length)] + out.slice(position);
      }
      return out;
    }
    case 3: {
      const lines = text.split('\n');
      for (let i = lines.length - 1; i > 0; i--) {
        if (next() < 0.2) {
          const j = Math.floor(next() * (i + 1));
          [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        }
      }
      return lines.join('\n');
    }
    default: {
      const start = at();
      return text.slice(0, start) + text.slice(start + Math.floor(next() * 200));
    }
  }
}

/** Every range in the facts lies inside the text and starts before it ends. */
function assertRangesValid(facts: PythonFileFacts, text: string, label: string): void {
  const lineCount = new LineIndex(text).lineCount;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    const start = record.start as { line: number; character: number } | undefined;
    const end = record.end as { line: number; character: number } | undefined;
    if (start && end && typeof start.line === 'number' && typeof end.line === 'number') {
      assert.ok(
        start.line >= 0 && start.character >= 0 && end.line < lineCount + 1,
        `${label}: range out of the text`,
      );
      assert.ok(
        start.line < end.line || (start.line === end.line && start.character <= end.character),
        `${label}: inverted range`,
      );
    }
    for (const child of Object.values(record)) visit(child);
  };
  visit(facts);
}

function analyseTimed(parser: PythonParser, text: string, label: string): { facts: PythonFileFacts } {
  let facts: PythonFileFacts;
  try {
    facts = analysePythonText(parser, 'file:///fuzz.py', text);
  } catch (error) {
    assert.fail(`${label} threw: ${String(error)}\n--- input ---\n${text.slice(0, 400)}`);
  }
  const crashed = facts.notes.find((n) => n.message.startsWith('Could not extract'));
  assert.equal(
    crashed,
    undefined,
    `${label}: an extractor threw: ${crashed?.message}\n--- input ---\n${text.slice(0, 400)}`,
  );
  return { facts };
}

describe('robustness', () => {
  it('analyses 2,000 mutated Python files without throwing, with valid ranges', async () => {
    const parser = await createTestParser();
    const sources = fixtures('.py');
    assert.ok(sources.length >= 10);
    const next = random(20261125);
    for (let i = 0; i < 2000; i++) {
      const source = sources[i % sources.length] ?? '';
      const text = mutate(source, next);
      const { facts } = analyseTimed(parser, text, `mutation ${i}`);
      assertRangesValid(facts, text, `mutation ${i}`);
      assert.doesNotThrow(() => JSON.stringify(facts));
    }
  });

  it('runs every Python rule on 300 mutated training/serving pairs without throwing', async () => {
    const parser = await createTestParser();
    const train = fixtureText('rules/skew-pair/train.py');
    const serve = fixtureText('rules/skew-pair/serve.py');
    const next = random(4242);
    let findings = 0;
    for (let i = 0; i < 300; i++) {
      const texts = new Map([
        ['file:///w/train.py', i % 2 === 0 ? mutate(train, next) : train],
        ['file:///w/serve.py', i % 2 === 1 ? mutate(serve, next) : serve],
      ]);
      const index = new PythonWorkspaceIndex({ roots: ['file:///w'] });
      index.updateMany([...texts].map(([uri, text]) => analysePythonText(parser, uri, text)));
      const context = { index, text: (uri: string) => texts.get(uri) };
      for (const rule of PYTHON_RULES) {
        const run = () =>
          rule.target === 'python-file'
            ? index.uris().flatMap((uri) => rule.check(index.get(uri) ?? assert.fail(), context))
            : index.pairs().flatMap((pair) => rule.check(pair, context));
        let reports: ReturnType<typeof run> = [];
        assert.doesNotThrow(() => (reports = run()), `${rule.meta.id} on mutation ${i}`);
        findings += reports.length;
      }
    }
    assert.ok(findings > 300, `the mutated pairs still give findings (${findings})`);
  });

  it('analyses 500 mutated notebooks: broken JSON gives a note, never a throw', async () => {
    const parser = await createTestParser();
    const [notebook] = fixtures('.ipynb').filter(
      (text) => text.includes('"cells"') && text.trimEnd().endsWith('}'),
    );
    assert.ok(notebook);
    const next = random(7);
    let notes = 0;
    for (let i = 0; i < 500; i++) {
      const text = mutate(notebook, next);
      const facts = analyseNotebookJson(parser, 'file:///fuzz.ipynb', text);
      if (facts.notes.some((n) => n.code === 'parse-error')) notes++;
    }
    assert.ok(notes > 50, `only ${notes} of 500 mutated notebooks gave a parse note`);
  });

  it('survives deep nesting and pathological shapes', async () => {
    const parser = await createTestParser();
    const nestedDefs =
      Array.from({ length: 300 }, (_, depth) => `${' '.repeat(depth)}def f${depth}(x):`).join('\n') +
      `\n${' '.repeat(300)}return joblib.load("m.pkl")\n`;
    const cases: [string, string][] = [
      ['parentheses', `${'('.repeat(5_000)}x${')'.repeat(5_000)}`],
      ['unclosed brackets', '['.repeat(20_000)],
      ['nested calls', `y = ${'f('.repeat(3_000)}df["a"]${')'.repeat(3_000)}`],
      ['nested defs', nestedDefs],
      ['long binary chain', `x = df["a"]${' + 1'.repeat(50_000)}\n`],
      ['nested dicts', `D = ${'{"k": '.repeat(2_000)}1${'}'.repeat(2_000)}\n`],
      ['long string', `s = "${'a'.repeat(1_000_000)}"\n`],
      ['many attributes', `x = a${'.b'.repeat(20_000)}\n`],
      ['python 2', 'print "hello"\nexec "x = 1"\nraise E, "m"\nx = 0777\ny = `x`\nif x <> y: pass\n'],
      ['only unicode', '😀é\u0000\ud800'.repeat(10_000)],
      ['CRLF and lone CR', 'import joblib\r\nm = joblib.load("a.pkl")\rprint(m)\r\n'],
    ];
    for (const [label, text] of cases) {
      const { facts } = analyseTimed(parser, text, label);
      assertRangesValid(facts, text, label);
    }
  });

  it('gives partial facts and a size note for a 10 MB generated file', async () => {
    const parser = await createTestParser();
    const block =
      'import joblib\nDATA = [[0.1, 1.5, "abc", None, True]] * 3\nmodel = joblib.load("model.joblib")\n';
    const text = block.repeat(Math.ceil(10_000_000 / block.length));
    const facts = analysePythonText(parser, 'file:///big.py', text, { budgetMs: 120_000 });
    assert.ok(facts.notes.some((n) => n.code === 'limit' && n.message.startsWith('File too large')));
    assert.ok(facts.artifacts.length > 1_000, 'facts from the analysed part');
  });

  it('stops extracting at the time budget and says what it skipped', async () => {
    const parser = await createTestParser();
    const facts = analysePythonText(parser, 'file:///slow.py', 'import joblib\nm = joblib.load("m.pkl")\n', {
      budgetMs: -1,
    });
    assert.deepEqual(facts.artifacts, []);
    assert.match(
      facts.notes.find((n) => n.code === 'limit')?.message ?? '',
      /time budget used up; skipped functions, handlers/,
    );
  });

  it('keeps incremental trees equal to fresh parses through 300 random edits', async () => {
    const parser = await createTestParser();
    const sources = fixtures('.py');
    const next = random(99);
    const document = new PythonDocument(parser, sources[0] ?? '');
    let text = document.text;
    for (let i = 0; i < 300; i++) {
      const lines = new LineIndex(text);
      const start = Math.floor(next() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(next() * 20));
      const insert = TOKENS[Math.floor(next() * TOKENS.length)] ?? '';
      const range = lines.range(start, end);
      document.applyChanges([{ range, text: insert }]);
      text = text.slice(0, lines.offset(range.start)) + insert + text.slice(lines.offset(range.end));
      assert.equal(document.text, text);
      const fresh = parser.parse(text);
      assert.equal(document.tree?.rootNode.toString(), fresh.tree?.rootNode.toString(), `edit ${i}`);
      fresh.tree?.delete();
    }
    document.dispose();
  });
});
