/** The CLI's cell formats and table layout, without a daemon. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Run } from '../../daemon/api/contract.ts';
import { commonMetricKeys, formatDuration, formatMetricValue } from '../../daemon/cli/run-display.ts';
import { provenanceSummary, runProvenance } from '../../daemon/cli/run-provenance.ts';
import { renderFields, renderTable } from '../../daemon/cli/text-table.ts';

function run(partial: { metrics?: string[]; tags?: Record<string, string> }): Run {
  return {
    info: {
      run_id: 'a'.repeat(32),
      run_uuid: 'a'.repeat(32),
      run_name: 'r',
      experiment_id: '0',
      user_id: '',
      status: 'FINISHED',
      start_time: 0,
      artifact_uri: 'mlflow-artifacts:/0/aaaa/artifacts',
      lifecycle_stage: 'active',
    },
    data: {
      metrics: (partial.metrics ?? []).map((key) => ({ key, value: 1, timestamp: 0, step: 0 })),
      params: [],
      tags: Object.entries(partial.tags ?? {}).map(([key, value]) => ({ key, value })),
    },
    inputs: { dataset_inputs: [] },
  };
}

describe('daemon CLI formatting', () => {
  it('formats durations from milliseconds to days', () => {
    assert.deepEqual([850, 42_000, 185_000, 7_800_000, 273_600_000].map(formatDuration), [
      '850ms',
      '42s',
      '3m 05s',
      '2h 10m',
      '3d 4h',
    ]);
  });

  it('formats metric values to four significant digits, NaN and the clamped infinities by name', () => {
    assert.deepEqual(
      [
        0.812345,
        0.25,
        0.99997,
        12,
        1234.5678,
        0.00001234,
        'NaN' as const,
        1.7976931348623157e308,
        -1.7976931348623157e308,
      ].map(formatMetricValue),
      ['0.8123', '0.25', '1.000', '12', '1235', '1.234e-5', 'NaN', 'inf', '-inf'],
    );
  });

  it('picks the metric keys most runs share', () => {
    const runs = [
      run({ metrics: ['auc', 'loss'] }),
      run({ metrics: ['auc', 'f1'] }),
      run({ metrics: ['auc', 'f1'] }),
    ];
    assert.deepEqual(commonMetricKeys(runs, 2), ['auc', 'f1']);
  });

  it('aligns columns, right-aligns numbers and trims trailing spaces', () => {
    const table = renderTable(
      [{ header: 'NAME' }, { header: 'N', align: 'right' }, { header: 'NOTE' }],
      [
        ['a', '5', ''],
        ['long-name', '1234', 'x'],
      ],
    );
    assert.equal(table, ['NAME          N  NOTE', 'a             5', 'long-name  1234  x'].join('\n'));
    assert.equal(
      renderFields([
        ['run', 'abc'],
        ['git commit', ''],
      ]),
      'run         abc\ngit commit',
    );
  });

  it('reads git and the logged model environment from run tags, and summarises them in one cell', () => {
    // The version's source names the logged model; the last one logged is another.
    const history = JSON.stringify([
      {
        artifact_path: 'model',
        flavors: { python_function: { python_version: '3.12.1', env: 'conda.yaml' } },
      },
      { artifact_path: 'other', flavors: {} },
    ]);
    const provenance = runProvenance(
      run({ tags: { 'mlflow.source.git.commit': 'abc123', 'mlflow.log-model.history': history } }),
      'mlflow-artifacts:/0/aaaa/artifacts/model',
    );
    assert.equal(provenance.git_commit, 'abc123');
    assert.deepEqual(provenance.environment, {
      artifact_path: 'model',
      files: ['conda.yaml'],
      python_version: '3.12.1',
    });
    assert.equal(provenanceSummary(provenance), 'git abc123 · no datasets · env');
    assert.equal(provenanceSummary(runProvenance(run({}))), 'no git commit · no datasets');
  });
});
