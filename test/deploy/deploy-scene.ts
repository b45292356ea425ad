/** A fake cluster, a kubeconfig for it and a runner whose guardrails the test sets. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { DeploymentStrategy } from '../../daemon/api/contract.ts';
import {
  DeploymentRunner,
  type RunnerProgress,
  type RunOutcome,
} from '../../daemon/deploy/deployment-runner.ts';
import { defaultTriggers, type GuardrailReading } from '../../daemon/deploy/guardrails.ts';
import { STRATEGY_STEPS } from '../../daemon/deploy/deployment-planner.ts';
import { KubeApplier } from '../../daemon/deploy/kube-applier.ts';
import type { RenderInput, ServedVersion } from '../../daemon/deploy/render-input.ts';
import { startFakeKube, type FakeKube } from '../fake-kube/fake-kube-server.ts';
import { writeKubeconfig } from '../fake-kube/kubeconfig.ts';

export const NAMESPACE = 'ml-serving';
export const SERVICE = 'fraud';

export function served(version: string): ServedVersion {
  return {
    version,
    image: `registry.example.com/fraud@sha256:${version.padStart(64, '0')}`,
    storageUri: `s3://models/fraud/${version}`,
  };
}

export interface DeployScene {
  fake: FakeKube;
  config: KubeConfig;
  applier: KubeApplier;
  /** What the guardrail source answers next. */
  reading: GuardrailReading;
  progress: RunnerProgress[];
  deploy(
    next: string,
    previous: string | undefined,
    strategy: DeploymentStrategy,
    options?: { steps?: number[]; force?: boolean },
  ): Promise<RunOutcome>;
  runner(force?: boolean): DeploymentRunner;
  base(
    next: string,
    previous: string | undefined,
    strategy: DeploymentStrategy,
  ): Omit<RenderInput, 'percent'>;
  close(): Promise<void>;
}

/** `kserve`: KServe and Gateway API CRDs; `gateway`: Gateway API only; `plain`: neither. */
export type SceneCluster = 'kserve' | 'gateway' | 'plain';

export async function startDeployScene(cluster: SceneCluster): Promise<DeployScene> {
  const kserve = cluster === 'kserve';
  const dir = await mkdtemp(join(tmpdir(), 'deploy-scene-'));
  const fake = await startFakeKube(
    kserve ? {} : { customGroups: cluster === 'gateway' ? ['gateway.networking.k8s.io'] : [] },
  );
  const config = new KubeConfig();
  config.loadFromFile(await writeKubeconfig(dir, fake));
  const applier = new KubeApplier(config);
  const scene: DeployScene = {
    fake,
    config,
    applier,
    reading: {},
    progress: [],
    runner(force = false) {
      return new DeploymentRunner({
        applier,
        guardrails: { read: () => Promise.resolve(scene.reading) },
        context: 'fake-gpu-cluster',
        dwellMs: 60,
        pollMs: 20,
        rolloutTimeoutMs: 5000,
        force,
        progress: (update) => scene.progress.push(update),
      });
    },
    base(next, previous, strategy) {
      return {
        deploymentId: `d-${next}`,
        service: SERVICE,
        namespace: NAMESPACE,
        model: 'fraud',
        runtime: kserve ? 'kserve' : 'deployment',
        traffic: kserve ? 'kserve-canary' : cluster === 'gateway' ? 'gateway-weights' : 'replica-ratio',
        strategy,
        gpuResource: 'nvidia.com/mig-1g.10gb',
        replicas: 2,
        next: served(next),
        ...(previous ? { previous: served(previous) } : {}),
        gateway: 'mlops-lens',
      };
    },
    deploy(next, previous, strategy, options = {}) {
      const steps = options.steps ?? [...(previous ? STRATEGY_STEPS[strategy] : [100])];
      return scene.runner(options.force).run({
        base: scene.base(next, previous, strategy),
        steps,
        triggers: defaultTriggers(),
      });
    },
    async close() {
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return scene;
}
