/**
 * The daemon's real HTTP app deploying to the fake API server: rollouts become ready as the
 * simulator sees them, versions of one model are registered over the MLflow API, each tagged with
 * its serving image, and the cluster's nodes have been read. With the calls the deployment tests
 * make of it: start a deployment, wait for its record, list what mlops-lens left in the cluster.
 */
import assert from 'node:assert/strict';
import { NATIVE_API_PREFIX, type DeploymentRecord } from '../../daemon/api/contract.ts';
import { contextConfig, readKubeconfig } from '../../daemon/clusters/kubeconfig-contexts.ts';
import type { GuardrailReading } from '../../daemon/deploy/guardrails.ts';
import { KubeApplier } from '../../daemon/deploy/kube-applier.ts';
import type { DaemonAppOptions } from '../../daemon/http/daemon-app.ts';
import { CONTEXT, startClusterDaemon, type ClusterDaemon } from '../clusters/cluster-daemon.ts';
import { daemonCalls, sendRequest, type DaemonCalls, type HttpResult } from '../daemon/daemon-harness.ts';
import { logTrainingRun, registerVersion } from '../daemon/training-run.ts';
import { simulateRollouts } from '../fake-kube/rollout-simulator.ts';

export const DEPLOYMENTS = `${NATIVE_API_PREFIX}/deployments`;
export const NAMESPACE = 'ml-serving';
export const MODEL = 'fraud';
/** Where the deployments go: the model, the fake cluster's context and the namespace. */
export const TARGET = { model_name: MODEL, context: CONTEXT, namespace: NAMESPACE };

/** The digest-pinned serving image of a version (the digest is the version, zero-padded). */
export function servingImage(model: string, version: string): string {
  return `registry.example.com/${model}@sha256:${version.padStart(64, '0')}`;
}

/**
 * Registers one version of `model` per entry of `versions` (asserting the registry numbers them
 * so), each tagged `mlops_lens.serving.image` and with the tags `moreTags` gives it.
 */
export async function registerServedVersions(
  client: DaemonCalls,
  model: string,
  versions: readonly string[],
  moreTags: (version: string) => Record<string, string> = () => ({}),
): Promise<void> {
  for (const version of versions) {
    const registered = await registerVersion(client, model, await logTrainingRun(client));
    assert.equal(registered.version, version);
    const tags = { 'mlops_lens.serving.image': servingImage(model, version), ...moreTags(version) };
    for (const [key, value] of Object.entries(tags)) {
      const tagged = await client.mlflow('POST', 'model-versions/set-tag', {
        name: model,
        version,
        key,
        value,
      });
      assert.equal(tagged.status, 200, tagged.text);
    }
  }
}

export interface DeploymentDaemon {
  daemon: ClusterDaemon;
  client: DaemonCalls;
  /** A request to the daemon with an optional JSON body. */
  call(method: string, path: string, body?: unknown): Promise<HttpResult>;
  /** POSTs a deployment (TARGET and then `body`) and returns its id. */
  deploy(body: Record<string, unknown>): Promise<string>;
  /** GETs the deployment until `done` holds for its record; throws `what` and the last answer after 30 s. */
  until(id: string, done: (record: DeploymentRecord) => boolean, what?: string): Promise<DeploymentRecord>;
  /** The record once the deployment is neither planned nor progressing any more. */
  finished(id: string): Promise<DeploymentRecord>;
  /** What mlops-lens manages for the model's service in NAMESPACE, as `Kind/name@version`. */
  managed(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startDeploymentDaemon(options: {
  /** The versions to register, in order ('1', '2', …). */
  versions: readonly string[];
  /** What the serving guardrails read at each dwell. */
  reading: () => GuardrailReading;
  /** More deployment options (the drift and shadow guardrails). */
  deployments?: DaemonAppOptions['deployments'];
}): Promise<DeploymentDaemon> {
  const daemon = await startClusterDaemon({
    deployments: {
      guardrails: { read: () => Promise.resolve(options.reading()) },
      dwellMs: 80,
      pollMs: 20,
      rolloutTimeoutMs: 5000,
      ...options.deployments,
    },
  });
  const stopRollouts = simulateRollouts(daemon.fake);
  const client = daemonCalls(daemon.port);
  const call: DeploymentDaemon['call'] = (method, path, body) =>
    sendRequest(daemon.port, method, path, body === undefined ? {} : { body });
  const until: DeploymentDaemon['until'] = async (id, done, what = `deployment ${id} stuck`) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const reply = await call('GET', `${DEPLOYMENTS}/${id}`);
      if (reply.status === 200 && done(reply.json as DeploymentRecord)) return reply.json as DeploymentRecord;
      if (Date.now() > deadline) throw new Error(`${what}: ${reply.text.slice(0, 2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  };
  try {
    await registerServedVersions(client, MODEL, options.versions);
    await daemon.until<{ nodes: unknown[] }>('nodes', (body) => body.nodes.length > 0);
  } catch (error) {
    stopRollouts();
    await daemon.close();
    throw error;
  }
  return {
    daemon,
    client,
    call,
    async deploy(body) {
      const reply = await call('POST', DEPLOYMENTS, { ...TARGET, ...body });
      assert.equal(reply.status, 200, reply.text);
      return (reply.json as DeploymentRecord).id;
    },
    until,
    finished: (id) => until(id, (r) => r.state !== 'progressing' && r.state !== 'planned'),
    async managed() {
      const read = readKubeconfig([daemon.kubeconfig]);
      const config = read.config && contextConfig(read.config, CONTEXT);
      assert.ok(config, read.error);
      const objects = await new KubeApplier(config).listManaged(NAMESPACE, MODEL);
      return objects.map(
        (o) => `${o.kind}/${o.metadata?.name}@${o.metadata?.labels?.['mlops-lens.dev/model-version']}`,
      );
    },
    async close() {
      stopRollouts();
      await daemon.close();
    },
  };
}
