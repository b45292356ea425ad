/** What a click on a lineage node opens: decided from the node and the workspace's real files. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { openTargetOf, workspaceFile } from '../../extension/webviews/lineage-open-target.ts';
import type { WorkspaceFiles } from '../../extension/webviews/lineage-open-target.ts';
import type { LineageGraphNode, LineageNodeKind } from '../../webviews/lineage/contract.ts';

function node(type: LineageNodeKind, id: string, attributes: Record<string, unknown>): LineageGraphNode {
  return { id: `${type}:${id}`, type, label: id, attributes };
}

describe('lineage open targets', () => {
  let root = '';
  let files: WorkspaceFiles;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'lineage-open-'));
    mkdirSync(path.join(root, 'data'));
    mkdirSync(path.join(root, 'artifacts'));
    writeFileSync(path.join(root, 'train.py'), 'print(1)\n');
    writeFileSync(path.join(root, 'data', 'customers.csv'), 'a\n1\n');
    writeFileSync(path.join(root, 'artifacts', 'scaler.joblib'), 'x');
    files = {
      folders: [root],
      isFile: (p) => {
        try {
          return statSync(p).isFile();
        } catch {
          return false;
        }
      },
    };
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('opens a run as its details and a model version as its own', () => {
    assert.deepEqual(openTargetOf(node('run', 'r1', { run_id: 'r1' }), files), { kind: 'run', runId: 'r1' });
    assert.deepEqual(openTargetOf(node('model_version', 'churn@3', { name: 'churn', version: '3' }), files), {
      kind: 'model_version',
      name: 'churn',
      version: '3',
    });
  });

  it("opens a commit's source file, relative, absolute, or logged under another machine's folder", () => {
    const file = path.join(root, 'train.py');
    assert.deepEqual(openTargetOf(node('code', '4f9c', { source_name: 'train.py' }), files), {
      kind: 'file',
      path: file,
    });
    assert.deepEqual(openTargetOf(node('code', '4f9c', { source_name: file, source_line: 12 }), files), {
      kind: 'file',
      path: file,
      line: 12,
    });
    assert.deepEqual(openTargetOf(node('code', '4f9c', { source_name: '/home/ci/build/train.py' }), files), {
      kind: 'file',
      path: file,
    });
  });

  it('says why when the file is not in the workspace', () => {
    const target = openTargetOf(node('code', '4f9c', { source_name: 'gone.py' }), files);
    assert.equal(target.kind, 'nothing');
    assert.match(target.kind === 'nothing' ? target.reason : '', /gone\.py .*not a file of this workspace/);
    const s3 = openTargetOf(node('dataset', 'c@ab', { uri: 's3://bucket/c.csv' }), files);
    assert.match(s3.kind === 'nothing' ? s3.reason : '', /s3:\/\/bucket\/c\.csv, which is not a file/);
  });

  it('opens a dataset from its workspace path or file: URI, never outside the folder', () => {
    const csv = path.join(root, 'data', 'customers.csv');
    assert.deepEqual(openTargetOf(node('dataset', 'c@ab', { uri: 'data/customers.csv' }), files), {
      kind: 'file',
      path: csv,
    });
    assert.deepEqual(openTargetOf(node('dataset', 'c@ab', { uri: pathToFileURL(csv).href }), files), {
      kind: 'file',
      path: csv,
    });
    // The daemon gives no uri for a relative source: it is relative to where the run started.
    assert.deepEqual(
      openTargetOf(node('dataset', 'c@ab', { source: '{"uri": "data/customers.csv"}' }), files),
      { kind: 'file', path: csv },
    );
    assert.equal(workspaceFile('../../etc/passwd', files), undefined);
  });

  it('opens a preprocessing artifact from the workspace, else downloads it from the daemon', () => {
    assert.deepEqual(
      openTargetOf(
        node('preprocessing', 'abc', {
          workspace_files: ['artifacts/scaler.joblib'],
          uris: ['mlflow-artifacts:/1/r1/artifacts/scaler.joblib'],
        }),
        files,
      ),
      { kind: 'file', path: path.join(root, 'artifacts', 'scaler.joblib') },
    );
    assert.deepEqual(
      openTargetOf(
        node('preprocessing', 'abc', { uris: ['mlflow-artifacts:/1/r1/artifacts/scaler.joblib'] }),
        files,
      ),
      { kind: 'artifact', artifactPath: '1/r1/artifacts/scaler.joblib', text: false },
    );
    assert.deepEqual(
      openTargetOf(
        node('environment', 'def', { uris: ['mlflow-artifacts:/1/r1/artifacts/model/requirements.txt'] }),
        files,
      ),
      { kind: 'artifact', artifactPath: '1/r1/artifacts/model/requirements.txt', text: true },
    );
    assert.equal(openTargetOf(node('environment', 'def', { uris: 'not a list' }), files).kind, 'nothing');
  });

  it('points a drift report or an alert to the drift dashboard of its model version', () => {
    for (const kind of ['drift_report', 'alert'] as const) {
      const target = openTargetOf(node(kind, '7', { model_name: 'churn', model_version: '3' }), files);
      assert.equal(target.kind, 'nothing');
      assert.match(target.kind === 'nothing' ? target.reason : '', /drift dashboard of churn v3/);
    }
  });
});
