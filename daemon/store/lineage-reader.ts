/**
 * Lineage derived on read from the tracking and registry tables: each node is described, and
 * its edges found, from the rows that already record them (runs, their tags, inputs and
 * artifacts, model versions with their captured provenance). Nothing is duplicated on the
 * write path, so lineage is always as current as the run it comes from.
 */
import path from 'node:path/posix';
import type Database from 'better-sqlite3';
import type { LineageEdge, LineageNode } from '../api/contract.ts';
import { readModelProvenance } from './model-metadata-rows.ts';
import {
  datasetUriOf,
  GIT_COMMIT_TAG,
  GIT_DIRTY_TAG,
  lockfileOf,
  missingProvenance,
} from './model-provenance.ts';
import { deploymentEdges, deploymentExpansion } from './lineage-deployments.ts';
import { nodeId, splitAt, type NodeRef } from './lineage-node-id.ts';
import { alertExpansion, driftReportExpansion, monitoringEdges } from './lineage-monitoring.ts';
import { DELETED_STAGE } from './registry-rows.ts';
import { MLFLOW_ARTIFACTS_SCHEME, readRunEvidence, type RunEvidence } from './run-evidence.ts';

/** A node and every edge that touches it. */
export interface NodeExpansion {
  node: LineageNode;
  edges: LineageEdge[];
}

/** Artifacts a run wrote besides its models that a serving path must load the same way. */
const PREPROCESSING_NAME =
  /(scaler|encoder|preprocess|vectori[sz]er|tokenizer|transformer|imputer|featur|pipeline)/i;
const DIRTY_SUFFIX = '-dirty';
const HARDWARE_TAG_PREFIX = 'mlops_lens.hardware.';

export class LineageReader {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  expand(ref: NodeRef): NodeExpansion | undefined {
    if (ref.type === 'drift_report') return driftReportExpansion(this.#db, ref.key);
    if (ref.type === 'alert') return alertExpansion(this.#db, ref.key);
    switch (ref.type) {
      case 'run':
        return this.#run(ref.key);
      case 'model_version':
        return this.#modelVersion(ref.key);
      case 'dataset':
        return this.#dataset(ref.key);
      case 'code':
        return this.#code(ref.key);
      case 'environment':
      case 'preprocessing':
        return this.#artifactNode(ref.type, ref.key);
      case 'deployment':
        return deploymentExpansion(this.#db, ref.key);
    }
  }

  #run(runId: string): NodeExpansion | undefined {
    const run = readRunEvidence(this.#db, runId);
    if (run === undefined) return undefined;
    const id = nodeId('run', runId);
    const edges: LineageEdge[] = [];
    for (const d of run.datasets)
      edges.push({ type: 'used', from: id, to: nodeId('dataset', `${d.name}@${d.digest}`) });
    const code = codeKey(run);
    if (code !== undefined) edges.push({ type: 'used', from: id, to: nodeId('code', code) });
    for (const sha of environmentDigests(run))
      edges.push({ type: 'used', from: id, to: nodeId('environment', sha) });
    for (const sha of preprocessingDigests(run))
      edges.push({ type: 'produced', from: id, to: nodeId('preprocessing', sha) });
    for (const v of this.#versionsOf(runId))
      edges.push({ type: 'registered_as', from: id, to: nodeId('model_version', `${v.name}@${v.version}`) });
    const metricKeys = [...run.latestMetrics.keys()];
    const gpus = new Set(metricKeys.flatMap((k) => /^system\/gpu_(\d+)_/.exec(k)?.[1] ?? []));
    const node: LineageNode = {
      id,
      type: 'run',
      label: run.runName,
      attributes: {
        run_id: runId,
        experiment_id: run.experimentId,
        status: run.status,
        start_time: run.startTime,
        artifact_uri: run.artifactUri,
        source_name: run.tags.get('mlflow.source.name'),
        user: run.tags.get('mlflow.user'),
        params: Object.fromEntries(run.params),
        // The latest value of each metric: what a promotion was judged on.
        metrics: Object.fromEntries([...run.latestMetrics].filter(([key]) => !key.startsWith('system/'))),
        // GPUs seen by MLflow's system metrics, plus what the training host declared in
        // `mlops_lens.hardware.*` tags (e.g. `gpu_model`, `node`).
        hardware: {
          ...Object.fromEntries(
            [...run.tags]
              .filter(([key]) => key.startsWith(HARDWARE_TAG_PREFIX))
              .map(([key, value]) => [key.slice(HARDWARE_TAG_PREFIX.length), value]),
          ),
          gpu_count: gpus.size,
          system_metrics: metricKeys.some((k) => k.startsWith('system/')),
        },
      },
    };
    return { node, edges };
  }

  #versionsOf(runId: string): { name: string; version: number }[] {
    return this.#db
      .prepare(
        `SELECT v.name, v.version FROM model_versions v
          WHERE v.current_stage != '${DELETED_STAGE}' AND (v.run_id = ? OR EXISTS (
            SELECT 1 FROM model_version_metadata m WHERE m.name = v.name AND m.version = v.version AND m.run_id = ?))
          ORDER BY v.name, v.version`,
      )
      .all(runId, runId) as { name: string; version: number }[];
  }

  #modelVersion(key: string): NodeExpansion | undefined {
    const parts = splitAt(key);
    if (parts === undefined || !/^\d{1,15}$/.test(parts[1])) return undefined;
    const [name, version] = [parts[0], Number(parts[1])];
    const row = this.#db
      .prepare(
        `SELECT source, run_id, current_stage, creation_time FROM model_versions
          WHERE name = ? AND version = ? AND current_stage != '${DELETED_STAGE}'`,
      )
      .get(name, version) as
      { source: string; run_id: string | null; current_stage: string; creation_time: number } | undefined;
    if (row === undefined) return undefined;
    const provenance = readModelProvenance(this.#db, name, version) ?? {};
    const aliases = (
      this.#db
        .prepare('SELECT alias FROM registered_model_aliases WHERE name = ? AND version = ? ORDER BY alias')
        .all(name, version) as { alias: string }[]
    ).map((a) => a.alias);
    const id = nodeId('model_version', `${name}@${version}`);
    const runId = row.run_id !== null && row.run_id !== '' ? row.run_id : provenance.runId;
    const edges: LineageEdge[] =
      runId !== undefined && readRunEvidence(this.#db, runId) !== undefined
        ? [{ type: 'registered_as', from: nodeId('run', runId), to: id }]
        : [];
    edges.push(...deploymentEdges(this.#db, name, version));
    const missing = missingProvenance(provenance);
    const node: LineageNode = {
      id,
      type: 'model_version',
      label: `${name} v${version}`,
      attributes: {
        name,
        version: String(version),
        artifact_uri: row.source,
        stage: row.current_stage,
        aliases,
        created: row.creation_time,
        framework: provenance.framework,
        signature: provenance.signature,
        git_commit: provenance.gitCommit,
        dataset_snapshot_uri: provenance.datasetSnapshotUri,
        environment_lockfile_uri: provenance.environmentLockfileUri,
        provenance: missing.length === 0 ? 'complete' : 'incomplete',
        provenance_missing: missing,
      },
    };
    return { node, edges: [...edges, ...monitoringEdges(this.#db, name, String(version))] };
  }

  #dataset(key: string): NodeExpansion | undefined {
    const parts = splitAt(key);
    if (parts === undefined) return undefined;
    const rows = this.#db
      .prepare(
        'SELECT dataset_id, source_type, source, schema, profile FROM datasets WHERE name = ? AND digest = ?',
      )
      .all(parts[0], parts[1]) as {
      dataset_id: number;
      source_type: string;
      source: string;
      schema: string | null;
      profile: string | null;
    }[];
    const first = rows[0];
    if (first === undefined) return undefined;
    const id = nodeId('dataset', key);
    const runIds = this.#db
      .prepare(
        `SELECT DISTINCT run_id FROM run_inputs WHERE dataset_id IN (${rows.map(() => '?').join(', ')}) ORDER BY run_id`,
      )
      .all(...rows.map((r) => r.dataset_id)) as { run_id: string }[];
    return {
      node: {
        id,
        type: 'dataset',
        label: `${parts[0]}@${parts[1]}`,
        attributes: {
          name: parts[0],
          digest: parts[1],
          source_type: first.source_type,
          source: first.source,
          uri: datasetUriOf(first.source),
          schema: first.schema ?? undefined,
          profile: first.profile ?? undefined,
        },
      },
      edges: runIds.map((r) => ({ type: 'used', from: nodeId('run', r.run_id), to: id })),
    };
  }

  #code(key: string): NodeExpansion | undefined {
    const dirty = key.endsWith(DIRTY_SUFFIX);
    const commit = dirty ? key.slice(0, -DIRTY_SUFFIX.length) : key;
    // Only tags are needed to tell which runs used this exact tree: no full run reads here.
    const runIds = (
      this.#db
        .prepare(
          `SELECT c.run_id FROM tags c LEFT JOIN tags d ON d.run_id = c.run_id AND d.key = ?
            WHERE c.key = ? AND c.value = ? AND (coalesce(d.value, '') = 'true') = ? ORDER BY c.run_id`,
        )
        .all(GIT_DIRTY_TAG, GIT_COMMIT_TAG, commit, dirty ? 1 : 0) as { run_id: string }[]
    ).map((r) => r.run_id);
    const first = runIds[0] === undefined ? undefined : readRunEvidence(this.#db, runIds[0]);
    if (first === undefined) return undefined;
    const id = nodeId('code', key);
    return {
      node: {
        id,
        type: 'code',
        label: `${commit.slice(0, 8)}${dirty ? ' (dirty)' : ''}`,
        attributes: {
          git_commit: commit,
          dirty: first.tags.has(GIT_DIRTY_TAG) ? dirty : null,
          repo_url: first.tags.get('mlflow.source.git.repoURL'),
          branch: first.tags.get('mlflow.source.git.branch'),
          source_name: first.tags.get('mlflow.source.name'),
        },
      },
      edges: runIds.map((runId) => ({ type: 'used', from: nodeId('run', runId), to: id })),
    };
  }

  /** Environments and preprocessing artifacts are content: one node per SHA-256, wherever stored. */
  #artifactNode(type: 'environment' | 'preprocessing', sha256: string): NodeExpansion | undefined {
    const paths = (
      this.#db.prepare('SELECT path FROM artifact_files WHERE sha256 = ? ORDER BY path').all(sha256) as {
        path: string;
      }[]
    ).map((r) => r.path);
    const id = nodeId(type, sha256);
    const edges: LineageEdge[] = [];
    const uris: string[] = [];
    for (const file of paths) {
      const runId = /^[^/]+\/([^/]+)\/artifacts\//.exec(file)?.[1];
      const run = runId === undefined ? undefined : readRunEvidence(this.#db, runId);
      if (run === undefined) continue;
      const digests = type === 'environment' ? environmentDigests(run) : preprocessingDigests(run);
      if (!digests.has(sha256)) continue;
      uris.push(`${MLFLOW_ARTIFACTS_SCHEME}${file}`);
      const edge: LineageEdge =
        type === 'environment'
          ? { type: 'used', from: nodeId('run', run.runId), to: id }
          : { type: 'produced', from: nodeId('run', run.runId), to: id };
      if (!edges.some((e) => e.from === edge.from)) edges.push(edge);
    }
    if (uris.length === 0) return undefined;
    // Workspace files with the same content (recorded by the artifact digest importer).
    const workspaceFiles =
      type === 'preprocessing'
        ? (
            this.#db
              .prepare('SELECT path FROM workspace_artifact_digests WHERE sha256 = ? ORDER BY path')
              .all(sha256) as { path: string }[]
          ).map((r) => r.path)
        : [];
    return {
      node: {
        id,
        type,
        label: path.basename(uris[0] ?? sha256),
        attributes: {
          sha256,
          uris,
          ...(workspaceFiles.length > 0 ? { workspace_files: workspaceFiles } : {}),
        },
      },
      edges,
    };
  }
}

function codeKey(run: RunEvidence): string | undefined {
  const commit = run.tags.get(GIT_COMMIT_TAG);
  if (commit === undefined || commit === '') return undefined;
  return run.tags.get(GIT_DIRTY_TAG) === 'true' ? `${commit}${DIRTY_SUFFIX}` : commit;
}

/** The lockfile of each model the run logged (or of the run itself when it logged none). */
function environmentDigests(run: RunEvidence): Set<string> {
  const paths = run.loggedModels.map((m) =>
    typeof m.artifact_path === 'string' ? m.artifact_path : undefined,
  );
  const digests = new Set<string>();
  for (const modelPath of paths.length === 0 ? [undefined] : paths) {
    const sha = lockfileOf(run, modelPath).environmentLockfileSha256;
    if (sha !== undefined) digests.add(sha);
  }
  return digests;
}

function preprocessingDigests(run: RunEvidence): Set<string> {
  const modelDirs = run.loggedModels
    .map((m) => m.artifact_path)
    .filter((p): p is string => typeof p === 'string' && p !== '');
  return new Set(
    run.artifacts
      .filter((a) => !modelDirs.some((dir) => a.path.startsWith(`${dir}/`)))
      .filter((a) => PREPROCESSING_NAME.test(path.basename(a.path)))
      .map((a) => a.sha256),
  );
}
