/**
 * The check's threads share the Python fact extraction: whatever thread extracted a file's facts,
 * the findings are those of one thread doing everything. Runs the built bundle as the workers.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { writePythonCorpus } from '../../bench/python-corpus.ts';
import { analyzeFiles, type AnalyzeFilesJob } from '../../server/cli/analyze-files.ts';
import { analyzeInParallel } from '../../server/cli/parallel-check.ts';
import { DEFAULT_CONFIG } from '../../server/config/load-config.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bundle = pathToFileURL(path.join(root, 'dist/cli.js'));

describe('parallel check', () => {
  let dir = '';
  let job: AnalyzeFilesJob;

  before(() => {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    dir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-parallel-'));
    // Two projects of training scripts, services, shared modules and notebooks, paired by artifact path.
    const corpus = writePythonCorpus(dir, 40);
    job = { fix: false, groups: [{ config: DEFAULT_CONFIG, root: dir, files: corpus.files }] };
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('shares the extraction of several configuration groups, one of them without Python', async () => {
    const groupRoot = (name: string): string => {
      const folder = path.join(dir, 'groups', name);
      mkdirSync(folder, { recursive: true });
      return folder;
    };
    const first = groupRoot('first');
    const second = groupRoot('second');
    const manifests = groupRoot('manifests');
    const manifest = path.join(manifests, 'pod.yaml');
    writeFileSync(
      manifest,
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: trainer}',
        'spec:',
        '  containers:',
        '    - name: main',
        '      image: trainer:1.0',
        '      resources:',
        '        requests: {nvidia.com/gpu: 1}',
      ].join('\n'),
    );
    const groups: AnalyzeFilesJob = {
      fix: false,
      groups: [
        { config: DEFAULT_CONFIG, root: first, files: writePythonCorpus(first, 30).files },
        { config: DEFAULT_CONFIG, root: manifests, files: [manifest] },
        { config: DEFAULT_CONFIG, root: second, files: writePythonCorpus(second, 25).files },
      ],
    };
    const alone = await analyzeFiles(groups);
    const shared = await analyzeInParallel(groups, bundle, 3);
    for (const part of ['/groups/first/', '/groups/second/', '/groups/manifests/pod.yaml'])
      assert.ok(
        alone.findings.some((f) => f.uri.includes(part)),
        `findings in ${part}`,
      );
    assert.deepEqual(shared.findings, alone.findings);
    assert.deepEqual(shared.notes, alone.notes);
  });

  for (const threads of [2, 3]) {
    it(`${threads} threads extracting Python facts find exactly what one thread finds`, async () => {
      const alone = await analyzeFiles(job);
      const shared = await analyzeInParallel(job, bundle, threads);
      const rules = new Set(alone.findings.map((f) => f.ruleId));
      // Cross-file findings: training and serving files whose facts different threads extracted.
      assert.ok(rules.has('skew/divergent-transform'), [...rules].join(', '));
      assert.ok(alone.findings.length > 20);
      assert.deepEqual(shared.findings, alone.findings);
      assert.deepEqual(shared.notes, alone.notes);
    });
  }
});
