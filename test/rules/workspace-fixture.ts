/**
 * Workspace fixtures, for rules that read other files (a lockfile beside requirements, the
 * requirements a Dockerfile copies, a README beside DVC remotes). A folder
 * `test/fixtures/rules/<rule-id>/positive-<case>/` (or `negative-<case>/`) holds a small
 * workspace rooted at `file:///w`: every file in it is read into one `WorkspaceView`, and
 * every file the engine knows is analysed with it.
 *
 * Expectations are marked in each file as in single-file fixtures, or, for a file without
 * comments (README.md, JSON), in a sidecar `<file>.expect` beside it. Fixes are applied the
 * way a user applies them one at a time, across files (creating files where a fix says so),
 * re-analysing the workspace after each, until no finding of the rule has a fix. The files
 * that changed or were created must then equal the golden folder `<case>.fixed/`
 * (`UPDATE_GOLDEN=1` writes it; review it).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { Analyzer } from '../../server/engine/analyzer.ts';
import type { AnalyzerOptions } from '../../server/engine/analyzer.ts';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import { fileKindOf } from '../../server/engine/file-kind.ts';
import type { Finding, Fix } from '../../server/engine/types.ts';
import { workspaceFromTexts } from '../../server/engine/workspace-view.ts';
import { expectMarkedFindings, parseExpectations, parseSidecarExpectations } from './rule-tester.ts';
import type { Expectation } from './rule-tester.ts';

const ROOT = 'file:///w';

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      const relative = prefix === '' ? name : `${prefix}/${name}`;
      return statSync(full).isDirectory() ? filesUnder(full, relative) : [relative];
    });
}

/** The fixture's files by URI (sidecar expectations left out) and the expectations of each. */
function readWorkspace(folder: string): { texts: Map<string, string>; marked: Map<string, Expectation[]> } {
  const texts = new Map<string, string>();
  const marked = new Map<string, Expectation[]>();
  const all = filesUnder(folder);
  for (const relative of all) {
    if (relative.endsWith('.expect')) continue;
    const text = readFileSync(path.join(folder, relative), 'utf8');
    const uri = `${ROOT}/${relative}`;
    texts.set(uri, text);
    const sidecar = path.join(folder, `${relative}.expect`);
    marked.set(
      uri,
      existsSync(sidecar) ? parseSidecarExpectations(readFileSync(sidecar, 'utf8')) : parseExpectations(text),
    );
  }
  return { texts, marked };
}

function analyzeAll(texts: ReadonlyMap<string, string>, options: AnalyzerOptions, ruleId: string): Finding[] {
  const analyzer = new Analyzer({ ...options, workspace: workspaceFromTexts(ROOT, texts) });
  return [...texts]
    .filter(([uri]) => fileKindOf(uri) !== undefined)
    .flatMap(([uri, text]) => analyzer.analyze({ uri, text }).findings.filter((f) => f.ruleId === ruleId));
}

function applyFix(texts: Map<string, string>, fix: Fix): void {
  for (const change of fix.changes) {
    const current = texts.get(change.uri);
    assert.ok(
      current !== undefined || change.create === true,
      `${fix.title}: edits missing file ${change.uri}`,
    );
    const result = applyEdits(current ?? '', change.edits);
    assert.deepEqual(result.skipped, [], `${fix.title}: overlapping edits in ${change.uri}`);
    texts.set(change.uri, result.text);
  }
}

/** Applies the first fix of the first fixable finding, again and again; returns the final texts. */
export function fixWorkspace(
  original: ReadonlyMap<string, string>,
  options: AnalyzerOptions,
  ruleId: string,
): Map<string, string> {
  const texts = new Map(original);
  for (let pass = 0; pass < 20; pass++) {
    const fixable = analyzeAll(texts, options, ruleId).find((f) => f.fixes.length > 0);
    if (!fixable) return texts;
    applyFix(texts, fixable.fixes[0]!);
  }
  assert.fail('fixes did not converge in 20 passes: fixable findings remain');
}

export function workspaceFixtureTests(
  dir: string,
  name: string,
  ruleId: string,
  options: AnalyzerOptions,
): void {
  const folder = path.join(dir, name);
  const { texts, marked } = readWorkspace(folder);
  const withWorkspace = { ...options, workspace: workspaceFromTexts(ROOT, texts) };
  const positive = name.startsWith('positive');
  it(`${name}/: reports exactly the marked findings in every file`, () => {
    const expected = [...marked.values()].flat().filter((e) => e.ruleId === ruleId);
    if (positive) assert.ok(expected.length > 0, 'a positive workspace must mark findings');
    else assert.equal(expected.length, 0, 'a negative workspace must not mark findings');
    for (const [uri, text] of texts) {
      if (fileKindOf(uri) === undefined) continue;
      expectMarkedFindings({ uri, text }, ruleId, withWorkspace, marked.get(uri));
    }
  });
  if (!positive) return;
  it(`${name}/: fixes apply across files and clear the fixable findings`, () => {
    if (analyzeAll(texts, options, ruleId).every((f) => f.fixes.length === 0)) return;
    const fixed = fixWorkspace(texts, options, ruleId);
    const changed = [...fixed].filter(([uri, text]) => texts.get(uri) !== text);
    assert.ok(changed.length > 0, 'fixes changed nothing');
    const golden = path.join(dir, `${name}.fixed`);
    if (process.env.UPDATE_GOLDEN === '1') {
      rmSync(golden, { recursive: true, force: true });
      for (const [uri, text] of changed) {
        const file = path.join(golden, uri.slice(ROOT.length + 1));
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
      }
    }
    assert.ok(existsSync(golden), `missing golden folder ${golden} (run with UPDATE_GOLDEN=1 and review it)`);
    assert.deepEqual(
      changed.map(([uri]) => uri.slice(ROOT.length + 1)).sort(),
      filesUnder(golden).sort(),
      'the files changed by the fixes differ from the golden folder',
    );
    for (const [uri, text] of changed)
      assert.equal(text, readFileSync(path.join(golden, uri.slice(ROOT.length + 1)), 'utf8'), uri);
  });
}
