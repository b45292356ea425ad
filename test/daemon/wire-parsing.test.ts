import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJsonBody, quoteNonFiniteTokens } from '../../daemon/http/json-body.ts';
import { parseSearchFilter } from '../../daemon/store/search-filter.ts';
import { downsample } from '../../daemon/store/metric-history.ts';

describe('JSON request bodies', () => {
  it('reads bare NaN and Infinity tokens as their protobuf-JSON strings, and leaves strings alone', () => {
    const text =
      '{"value": NaN, "list": [Infinity, -Infinity, 1], "name": "NaN and Infinity \\" NaN", "k": "-Infinity"}';
    assert.deepEqual(parseJsonBody(text), {
      value: 'NaN',
      list: ['Infinity', '-Infinity', 1],
      name: 'NaN and Infinity " NaN',
      k: '-Infinity',
    });
    assert.equal(quoteNonFiniteTokens('{"a": 1}'), '{"a": 1}');
  });

  it('treats an empty body as an empty object and refuses prototype keys', () => {
    assert.deepEqual(parseJsonBody('  '), {});
    assert.throws(() => parseJsonBody('{"a": {"constructor": {"prototype": 1}}}'), /forbidden key/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('MLflow search filter grammar', () => {
  it('parses entities, quoted keys, comparators and values', () => {
    assert.deepEqual(
      parseSearchFilter(
        "metrics.`val loss` <= 0.5 and params.\"learning rate\" = '1e-3' AND tags.team ILIKE \"%ml%\" AND run_id NOT IN ('a', 'b') AND attribute.start_time >= -1.5e3 AND tags.x IS NULL",
      ),
      [
        { entity: 'metric', key: 'val loss', comparator: '<=', value: 0.5 },
        { entity: 'param', key: 'learning rate', comparator: '=', value: '1e-3' },
        { entity: 'tag', key: 'team', comparator: 'ILIKE', value: '%ml%' },
        { entity: 'attribute', key: 'run_id', comparator: 'NOT IN', value: ['a', 'b'] },
        { entity: 'attribute', key: 'start_time', comparator: '>=', value: -1500 },
        { entity: 'tag', key: 'x', comparator: 'IS NULL', value: null },
      ],
    );
    assert.deepEqual(parseSearchFilter("tags.mlflow.runName = 'it''s'"), [
      { entity: 'tag', key: 'mlflow.runName', comparator: '=', value: "it's" },
    ]);
  });

  it('keeps dotted keys and escaped quotes', () => {
    assert.deepEqual(parseSearchFilter("tags.mlflow.source.git.commit = 'abc'"), [
      { entity: 'tag', key: 'mlflow.source.git.commit', comparator: '=', value: 'abc' },
    ]);
    assert.deepEqual(parseSearchFilter("params.p = 'it\\'s'"), [
      { entity: 'param', key: 'p', comparator: '=', value: "it's" },
    ]);
  });

  it('refuses OR, unknown prefixes, missing values and unclosed strings', () => {
    for (const filter of [
      'metrics.a > 1 OR metrics.b > 1',
      "foo.a = 'x'",
      'metrics.a >',
      "params.a = 'x",
      'metrics.a ~ 1',
      "run_id IN 'a'",
    ]) {
      assert.throws(() => parseSearchFilter(filter), /Invalid filter/, filter);
    }
  });
});

describe('metric downsampling', () => {
  it('keeps first, last and each bucket extreme within the budget', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      step: i,
      value: i === 1234 ? -50 : i === 8765 ? 50 : Math.sin(i),
      is_nan: i % 97 === 0 ? 1 : 0,
    }));
    const out = downsample(rows, 400);
    assert.ok(out.length <= 400);
    assert.equal(out[0]?.step, 0);
    assert.equal(out.at(-1)?.step, 9999);
    assert.ok(out.some((r) => r.value === -50) && out.some((r) => r.value === 50));
    assert.deepEqual(
      out.map((r) => r.step),
      [...out.map((r) => r.step)].sort((a, b) => a - b),
    );
    assert.equal(downsample(rows.slice(0, 10), 400).length, 10);
  });
});
