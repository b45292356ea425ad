/** `mlops-lens runs|models|lineage` against a real daemon process seeded over HTTP. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BUNDLE_MISSING,
  columnStart,
  mlflowCaller,
  startCliDaemon,
  type CliDaemon,
  type CliRun,
} from './cli-harness.ts';

interface RunInfo {
  run: { info: { run_id: string; artifact_uri: string } };
}

describe('daemon CLI: runs, models, lineage', { skip: BUNDLE_MISSING }, () => {
  let scene: CliDaemon;
  const ids: Record<string, string> = {};
  const cli = (...args: string[]): Promise<CliRun> => scene.cli(...args);

  before(async () => {
    scene = await startCliDaemon('mlops-lens-cli-');
    const mlflow = mlflowCaller(scene.daemon);
    const { experiment_id: experimentId } = await mlflow<{ experiment_id: string }>(
      'POST',
      'experiments/create',
      {
        name: 'churn-training',
      },
    );
    const createRun = async (name: string, start: number, tags: { key: string; value: string }[] = []) => {
      const { run } = await mlflow<RunInfo>('POST', 'runs/create', {
        experiment_id: experimentId,
        run_name: name,
        start_time: start,
        user_id: 'ana',
        tags,
      });
      ids[name] = run.info.run_id;
      return run;
    };
    const t0 = Date.UTC(2026, 0, 15, 9, 0, 0);
    const baseline = await createRun('baseline', t0, [
      { key: 'mlflow.source.git.commit', value: '0123abcd4567ef89' },
      { key: 'mlflow.source.name', value: 'train.py' },
    ]);
    await mlflow('POST', 'runs/log-batch', {
      run_id: baseline.info.run_id,
      metrics: [
        { key: 'auc', value: 0.8125, timestamp: t0, step: 0 },
        { key: 'loss', value: 0.5, timestamp: t0, step: 0 },
        { key: 'loss', value: 0.25, timestamp: t0 + 1, step: 1 },
      ],
      params: [{ key: 'max_depth', value: '6' }],
    });
    await mlflow('POST', 'runs/log-inputs', {
      run_id: baseline.info.run_id,
      datasets: [
        {
          tags: [{ key: 'mlflow.data.context', value: 'training' }],
          dataset: {
            name: 'churn-2026-01',
            digest: '6f9c1d2a',
            source_type: 'local',
            source: '{"uri": "/data/churn.parquet"}',
          },
        },
      ],
    });
    await mlflow('POST', 'runs/log-model', {
      run_id: baseline.info.run_id,
      model_json: JSON.stringify({
        artifact_path: 'model',
        run_id: baseline.info.run_id,
        mlflow_version: '2.12.2',
        flavors: {
          python_function: {
            python_version: '3.11.4',
            env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' },
          },
          sklearn: { pickled_model: 'model.pkl' },
        },
      }),
    });
    await mlflow('POST', 'runs/update', {
      run_id: baseline.info.run_id,
      status: 'FINISHED',
      end_time: t0 + 185_000,
    });
    const tuned = await createRun('tuned', t0 + 3_600_000);
    await mlflow('POST', 'runs/log-batch', {
      run_id: tuned.info.run_id,
      metrics: [{ key: 'auc', value: 0.7, timestamp: t0, step: 0 }],
    });
    await mlflow('POST', 'runs/update', {
      run_id: tuned.info.run_id,
      status: 'FAILED',
      end_time: t0 + 3_642_000,
    });

    await mlflow('POST', 'registered-models/create', { name: 'churn' });
    const source = `${baseline.info.artifact_uri}/model`;
    await mlflow('POST', 'model-versions/create', { name: 'churn', source, run_id: baseline.info.run_id });
    await mlflow('POST', 'model-versions/create', { name: 'churn', source, run_id: baseline.info.run_id });
    await mlflow('POST', 'model-versions/create', {
      name: 'churn',
      source: `${tuned.info.artifact_uri}/model`,
      run_id: tuned.info.run_id,
    });
    await mlflow('POST', 'registered-models/alias', { name: 'churn', alias: 'production', version: '2' });
    await mlflow('POST', 'registered-models/create', { name: 'fraud' });
  });

  after(async () => {
    await scene.close();
  });

  it('runs list prints an aligned table with short ids, status, start, duration and key metrics', async () => {
    const result = await cli('runs', 'list');
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^RUN\s+NAME\s+STATUS\s+START\s+DURATION\s+auc\s+loss$/);
    assert.equal(lines.length, 3);
    // Newest first, as MLflow orders runs.
    const [tuned = '', baseline = ''] = lines.slice(1);
    assert.ok(tuned.startsWith(ids.tuned?.slice(0, 8) ?? '?'), tuned);
    assert.match(tuned, /\bFAILED\b.*\b42s\b\s+0\.7$/);
    assert.match(baseline, /\bFINISHED\b.*\b3m 05s\s+0\.8125\s+0\.25$/);
    for (const header of ['NAME', 'STATUS', 'START']) {
      const at = columnStart(result.stdout, header);
      for (const line of lines.slice(1))
        assert.notEqual(line.charAt(at), ' ', `${header} column in '${line}'`);
      for (const line of lines.slice(1))
        assert.equal(line.charAt(at - 1), ' ', `${header} column in '${line}'`);
    }
  });

  it('runs list filters with MLflow grammar, limits, picks metric columns and prints JSON', async () => {
    const filtered = await cli('runs', 'list', '--filter', 'metrics.auc > 0.8', '--metrics', 'loss');
    assert.equal(filtered.code, 0, filtered.stderr);
    const lines = filtered.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0] ?? '', /\sloss$/);
    assert.match(lines[1] ?? '', /^\w{8}\s+baseline\s/);

    const limited = await cli('runs', 'list', '--max', '1');
    assert.match(limited.stdout, /More runs match/);

    const json = await cli('runs', 'list', '--json', '--experiment', 'churn-training');
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { runs: { info: { run_name: string } }[] };
    assert.deepEqual(
      parsed.runs.map((r) => r.info.run_name),
      ['tuned', 'baseline'],
    );

    const empty = await cli('runs', 'list', '--experiment', 'Default');
    assert.equal(empty.code, 0);
    assert.equal(empty.stdout.trim(), 'No runs match.');
    const unknown = await cli('runs', 'list', '--experiment', 'nope');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no active experiment named or numbered 'nope'/);
    const badFilter = await cli('runs', 'list', '--filter', 'metrics.auc >>> 1');
    assert.equal(badFilter.code, 1);
    assert.match(badFilter.stderr, /^mlops-lens runs: /);
  });

  it('runs show finds a run by a short prefix and prints its params, metrics, datasets and versions', async () => {
    const result = await cli('runs', 'show', (ids.baseline ?? '').slice(0, 8));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`^run\\s+${ids.baseline ?? '?'}$`, 'm'));
    assert.match(result.stdout, /^git commit\s+0123abcd4567ef89$/m);
    assert.match(result.stdout, /^\s+max_depth\s+6$/m);
    assert.match(result.stdout, /^\s+loss\s+0\.25\s+1$/m);
    assert.match(result.stdout, /churn-2026-01\s+6f9c1d2a\s+training\s+\/data\/churn\.parquet/);
    assert.match(result.stdout, /^\s+churn@2\s+production\s+None$/m);
    assert.match(result.stdout, /^\s+churn@1\s+None$/m);

    const json = JSON.parse((await cli('runs', 'show', ids.tuned ?? '', '--json')).stdout) as {
      run: { info: { run_name: string } };
    };
    assert.equal(json.run.info.run_name, 'tuned');

    const missing = await cli('runs', 'show', 'ffffffff');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no run id starts with 'ffffffff'/);
    const missingFull = await cli('runs', 'show', 'f'.repeat(32));
    assert.equal(missingFull.code, 1);
    const notAnId = await cli('runs', 'show', 'baseline');
    assert.equal(notAnId.code, 2);
  });

  it('models list and versions show latest version, aliases and provenance', async () => {
    const list = await cli('models', 'list');
    assert.equal(list.code, 0, list.stderr);
    const lines = list.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^MODEL\s+LATEST\s+ALIASES\s+UPDATED\s+PROVENANCE \(latest\)$/);
    assert.match(
      lines[1] ?? '',
      /^churn\s+3\s+production=2\s+\S+ \S+\s+run \w{8} · no git commit · no datasets$/,
    );
    assert.match(lines[2] ?? '', /^fraud\s+-\s+\S+ \S+$/);

    const versions = await cli('models', 'versions', 'churn');
    assert.equal(versions.code, 0, versions.stderr);
    const rows = versions.stdout.trimEnd().split('\n').slice(1);
    assert.equal(rows.length, 3);
    assert.match(rows[0] ?? '', /^\s*3\s+None\s/);
    assert.match(rows[1] ?? '', /^\s*2\s+production\s+None\s.*git 0123abcd · 1 dataset · env$/);

    const json = JSON.parse((await cli('models', 'versions', 'churn', '--json')).stdout) as {
      model_versions: { version: string; provenance?: { git_commit?: string } }[];
    };
    assert.equal(
      json.model_versions.find((v) => v.version === '1')?.provenance?.git_commit,
      '0123abcd4567ef89',
    );

    const unknown = await cli('models', 'versions', 'nope');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Registered Model with name=nope not found/);
  });

  it('promote sets an alias and rollback moves it back to its previous version', async () => {
    const promote = await cli('models', 'promote', 'churn', '3', '--alias', 'production');
    assert.equal(promote.code, 0, promote.stderr);
    assert.equal(promote.stdout.trim(), 'churn@production -> version 3 (was 2)');
    assert.match((await cli('models', 'list')).stdout, /production=3/);

    const rollback = await cli('models', 'rollback', 'churn', '--alias', 'production');
    assert.equal(rollback.code, 0, rollback.stderr);
    assert.equal(rollback.stdout.trim(), 'churn@production rolled back -> version 2 (was 3)');
    assert.match((await cli('models', 'list')).stdout, /production=2/);

    const fresh = await cli('models', 'promote', 'churn', '1', '--alias', 'staging', '--json');
    assert.deepEqual(JSON.parse(fresh.stdout), {
      name: 'churn',
      alias: 'staging',
      version: '1',
      previous_version: null,
    });
    const nothingToRollBack = await cli('models', 'rollback', 'churn', '--alias', 'staging');
    assert.equal(nothingToRollBack.code, 1);
    assert.match(nothingToRollBack.stderr, /no previous version to roll back to/);

    const unknownVersion = await cli('models', 'promote', 'churn', '9', '--alias', 'production');
    assert.equal(unknownVersion.code, 1);
    assert.match(unknownVersion.stderr, /version=9\) not found/);
    const unknownModel = await cli('models', 'promote', 'nope', '1', '--alias', 'production');
    assert.equal(unknownModel.code, 1);
    const noAlias = await cli('models', 'promote', 'churn', '3');
    assert.equal(noAlias.code, 2);
    assert.match(noAlias.stderr, /--alias ALIAS is required/);
  });

  it('lineage prints the run, code, datasets and environment behind a version or an alias', async () => {
    const result = await cli('lineage', 'churn@production');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.match(result.stdout, /^model version\s+churn@2$/m);
    assert.match(result.stdout, /^framework\s+sklearn$/m);
    assert.match(result.stdout, /^provenance\s+complete$/m);
    assert.match(result.stdout, /^data snapshot\s+file:\/\/\/data\/churn\.parquet$/m);
    assert.match(result.stdout, new RegExp(`^run\\s+${ids.baseline ?? '?'} "baseline" FINISHED$`, 'm'));
    assert.match(result.stdout, /^experiment\s+churn-training \(\d+\)$/m);
    assert.match(result.stdout, /^hardware\s+0 GPUs, no system metrics$/m);
    assert.match(result.stdout, /^code\s+git 0123abcd4567ef89, train\.py$/m);
    assert.match(
      result.stdout,
      /^dataset\s+churn-2026-01@6f9c1d2a file:\/\/\/data\/churn\.parquet \[training\]$/m,
    );
    assert.match(
      result.stdout,
      /^environment\s+logged model 'model', python 3\.11\.4, mlflow 2\.12\.2, conda\.yaml, python_env\.yaml$/m,
    );
    assert.match(result.stdout, /^same run\s+churn@1$/m);
    assert.match(result.stdout, /^params\s+max_depth=6$/m);
    assert.match(result.stdout, /^metrics\s+auc=0\.8125, loss=0\.25$/m);

    const incomplete = await cli('lineage', 'churn@3');
    assert.equal(incomplete.code, 0);
    assert.match(incomplete.stdout, /^code\s+unknown \(no git commit\)$/m);
    assert.match(incomplete.stdout, /^environment\s+none recorded/m);
    assert.match(
      incomplete.stderr,
      /churn@3 has incomplete provenance: no git_commit, no dataset_snapshot_uri\./,
    );

    const json = JSON.parse((await cli('lineage', 'churn@1', '--json')).stdout) as {
      metadata: { provenance: { badge: string } };
      lineage: { root: string; nodes: { id: string }[] };
      run: { info: { run_id: string } };
    };
    assert.equal(json.metadata.provenance.badge, 'complete');
    assert.equal(json.lineage.root, 'model_version:churn@1');
    assert.ok(json.lineage.nodes.some((n) => n.id === 'dataset:churn-2026-01@6f9c1d2a'));
    assert.equal(json.run.info.run_id, ids.baseline);

    const unknown = await cli('lineage', 'churn@7');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /not found/);
    const unknownAlias = await cli('lineage', 'churn@canary');
    assert.equal(unknownAlias.code, 1);
    const malformed = await cli('lineage', 'churn');
    assert.equal(malformed.code, 2);
  });
});
