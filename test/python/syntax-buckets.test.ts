import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { analysePythonText } from '../../server/python/analyse-python.ts';
import type { PythonParser } from '../../server/python/parser/python-parser.ts';
import {
  collectSyntax,
  type ScopedNode,
  type SyntaxBuckets,
} from '../../server/python/syntax/syntax-buckets.ts';
import { FIXTURES } from './fixture-facts.ts';
import { createTestParser } from './python-parser-setup.ts';

const SOURCE = `import os
from sklearn.preprocessing import StandardScaler as Scaler

THRESHOLD = {"a": 1}["a"]


@app.post("/predict")
def predict(payload: dict):
    x = payload["income"]
    with open(os.path.join("m", "model.pkl")) as handle:
        model = load(handle)

    class Local:
        value = x.real

        def method(self):
            for item in self.items:
                total += item[0]
            return lambda y: y.strip()

    return model.predict([[x]])


class Service(Base):
    def __init__(self):
        self.scaler = Scaler()

    async def handle(self, request):
        return self.scaler.transform(request["rows"])


result = predict({"income": 1})
`;

/** Independent reference: a recursive walk of every node, tracking scopes by ancestry. */
function referenceBuckets(root: Node): Record<string, string[]> {
  const bucketOf: Record<string, string> = {
    call: 'calls',
    assignment: 'assignments',
    augmented_assignment: 'assignments',
    subscript: 'subscripts',
    attribute: 'attributes',
    import_statement: 'imports',
    import_from_statement: 'imports',
    function_definition: 'functions',
    class_definition: 'classes',
    with_item: 'withItems',
    for_statement: 'forStatements',
  };
  const out: Record<string, string[]> = {};
  const visit = (node: Node, scope: string | null): void => {
    const bucket = bucketOf[node.type];
    let inner = scope;
    if (bucket) {
      (out[bucket] ??= []).push(`${node.startIndex}:${node.type}@${scope}`);
      if (bucket === 'functions' || bucket === 'classes') {
        const name = node.childForFieldName('name')?.text ?? '<anonymous>';
        inner = scope ? `${scope}.${name}` : name;
      }
    }
    for (const child of node.children) if (child) visit(child, inner);
  };
  visit(root, null);
  return out;
}

function pythonFixtures(dir = FIXTURES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pythonFixtures(full);
    return entry.name.endsWith('.py') ? [readFileSync(full, 'utf8')] : [];
  });
}

function described(buckets: SyntaxBuckets): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(buckets) as [string, unknown][]) {
    if (!Array.isArray(value) || value.length === 0) continue;
    out[name] = (value as ScopedNode[]).map(({ node, scope }) => `${node.startIndex}:${node.type}@${scope}`);
  }
  return out;
}

describe('collectSyntax', () => {
  let parser: PythonParser;
  before(async () => {
    parser = await createTestParser();
  });

  it('gathers every node of interest in source order with the qualified scope around it', () => {
    const tree = parser.parse(SOURCE).tree;
    assert.ok(tree);
    try {
      const buckets = collectSyntax(tree);
      assert.deepEqual(described(buckets), referenceBuckets(tree.rootNode));
      const scopes = buckets.subscripts.map((s) => `${s.node.text}@${s.scope}`);
      assert.deepEqual(scopes, [
        '{"a": 1}["a"]@null',
        'payload["income"]@predict',
        'item[0]@predict.Local.method',
        'request["rows"]@Service.handle',
      ]);
      assert.equal(buckets.errorCount, 0);
    } finally {
      tree.delete();
    }
  });

  it('agrees with a full walk on every Python fixture', () => {
    const texts = pythonFixtures();
    assert.ok(texts.length > 30);
    for (const text of texts) {
      const tree = parser.parse(text).tree;
      assert.ok(tree);
      try {
        assert.deepEqual(described(collectSyntax(tree)), referenceBuckets(tree.rootNode));
      } finally {
        tree.delete();
      }
    }
  });

  it('counts syntax errors, and the facts say they are partial', () => {
    const text = 'def f(:\n    x = 1\nprint "hello"\ny = g(a.b\n';
    const tree = parser.parse(text).tree;
    assert.ok(tree);
    const errors = collectSyntax(tree).errorCount;
    tree.delete();
    assert.ok(errors > 0);
    const facts = analysePythonText(parser, 'file:///w/broken.py', text);
    assert.deepEqual(
      facts.notes.map((n) => `${n.code}: ${n.message}`),
      [`parse-error: ${errors} syntax error(s); facts are partial`],
    );
    const clean = analysePythonText(parser, 'file:///w/clean.py', SOURCE);
    assert.deepEqual(clean.notes, []);
  });
});
