/**
 * "Deploy Model Version…" as steps with a Back button: model, version or alias, watched context,
 * namespace, then what the daemon's plan says (runtime, GPU sizing with its reasoning), strategy,
 * rollback triggers, gates and, for a production context, its name typed again. The answer is the
 * request and the daemon's final plan for it; nothing is applied here.
 */
import { window } from 'vscode';
import {
  MLFLOW_API_PREFIX,
  NATIVE_API_PREFIX,
  type ClusterContextSummary,
  type ClusterContextsResponse,
  type ClusterWorkloadsResponse,
  type DeploymentPlan,
  type DeploymentRequest,
  type DeploymentRuntime,
  type DeploymentStrategy,
  type ModelVersion,
  type RegisteredModel,
  type RollbackTrigger,
} from '../../daemon/api/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import {
  blockingGates,
  confirmationError,
  contextItems,
  gateItems,
  modelItems,
  namespaceError,
  namespaceItems,
  parseThreshold,
  runtimeItems,
  sizingItems,
  strategyItems,
  triggerItems,
  versionItems,
} from './deploy-flow-steps.ts';
import { BACK, CANCEL, inputStep, pickStep } from './quick-input-step.ts';
import type { StepAnswer, StepFrame } from './quick-input-step.ts';

export interface DeployChoice {
  readonly request: DeploymentRequest;
  readonly plan: DeploymentPlan;
}

interface FlowState {
  model?: RegisteredModel;
  version?: string;
  context?: ClusterContextSummary;
  namespace?: string;
  /** `deployment` where the user picked it over KServe; unset takes the daemon's default. */
  runtime?: DeploymentRuntime;
  /** The plan for a direct deploy: runtime, traffic method and sizing. */
  firstPlan?: DeploymentPlan;
  strategy?: DeploymentStrategy;
  triggers: Partial<Record<RollbackTrigger['id'], number>>;
  plan?: DeploymentPlan;
  confirm?: string;
}

type Outcome = 'next' | 'back' | 'cancel' | 'skip';
type Step = (state: FlowState, frame: (placeholder: string) => StepFrame) => Promise<Outcome>;

const TITLE = 'Deploy Model Version';

function outcome<T>(answer: StepAnswer<T>, take: (value: T) => Outcome | void): Outcome {
  if (answer === BACK) return 'back';
  if (answer === CANCEL) return 'cancel';
  return take(answer.value) ?? 'next';
}

function request(
  state: FlowState,
  strategy: DeploymentStrategy,
  dwellMs: number | undefined,
): DeploymentRequest {
  if (!state.model || !state.version || !state.context || !state.namespace)
    throw new Error('the deployment target is incomplete');
  return {
    model_name: state.model.name,
    model_version: state.version,
    context: state.context.name,
    namespace: state.namespace,
    strategy,
    ...(state.runtime !== undefined ? { runtime: state.runtime } : {}),
    ...(Object.keys(state.triggers).length > 0 ? { triggers: { ...state.triggers } } : {}),
    ...(state.confirm !== undefined ? { confirm: state.confirm } : {}),
    ...(dwellMs !== undefined ? { dwell_ms: dwellMs } : {}),
  };
}

/** Runs the steps; undefined when the user cancels. `dwellMs` goes into every plan and the request. */
export async function runDeployFlow(
  connection: DaemonConnection,
  dwellMs: number | undefined,
): Promise<DeployChoice | undefined> {
  const plan = (body: DeploymentRequest): Promise<DeploymentPlan> =>
    connection.request<DeploymentPlan>('POST', `${NATIVE_API_PREFIX}/deployments/plan`, body);
  /** Plans again; a refusal is shown and the step stays. */
  const planOrStay = async (
    state: FlowState,
    strategy: DeploymentStrategy,
  ): Promise<DeploymentPlan | undefined> => {
    try {
      return await plan(request(state, strategy, dwellMs));
    } catch (error) {
      void window.showErrorMessage(`MLOps Lens: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };

  const steps: Step[] = [
    async (state, frame) => {
      const { registered_models: models = [] } = await connection.request<{
        registered_models?: RegisteredModel[];
      }>('GET', `${MLFLOW_API_PREFIX}/registered-models/search?max_results=1000`);
      if (models.length === 0) {
        void window.showInformationMessage('No registered model to deploy: register a model version first.');
        return 'cancel';
      }
      return outcome(await pickStep(frame('Registered model'), modelItems(models)), (name) => {
        state.model = models.find((m) => m.name === name);
      });
    },
    async (state, frame) => {
      const model = state.model;
      if (!model) return 'back';
      const filter = encodeURIComponent(`name='${model.name.replace(/'/g, "\\'")}'`);
      const { model_versions: versions = [] } = await connection.request<{ model_versions?: ModelVersion[] }>(
        'GET',
        `${MLFLOW_API_PREFIX}/model-versions/search?filter=${filter}&max_results=1000`,
      );
      return outcome(
        await pickStep(frame(`Version or alias of ${model.name}`), versionItems(model, versions)),
        (v) => {
          state.version = v;
        },
      );
    },
    async (state, frame) => {
      const { contexts } = await connection.request<ClusterContextsResponse>(
        'GET',
        `${NATIVE_API_PREFIX}/clusters/contexts`,
      );
      const items = contextItems(contexts);
      if (items.length === 0) {
        void window.showInformationMessage(
          'No watched cluster context: watch one in the Clusters view ("Watch Context") first.',
        );
        return 'cancel';
      }
      return outcome(await pickStep(frame('Cluster context (watched)'), items), (name) => {
        state.context = contexts.find((c) => c.name === name);
      });
    },
    async (state, frame) => {
      const context = state.context;
      if (!context) return 'back';
      const workloads = await connection
        .request<ClusterWorkloadsResponse>(
          'GET',
          `${NATIVE_API_PREFIX}/clusters/workloads?context=${encodeURIComponent(context.name)}`,
        )
        .then((r) => r.workloads.map((w) => w.workload.namespace))
        .catch(() => []);
      const answer = await pickStep(
        frame(`Namespace in ${context.name} (or type one)`),
        namespaceItems(context, workloads),
        { value: (text) => text, error: namespaceError },
      );
      return outcome(answer, (namespace) => {
        state.namespace = namespace;
      });
    },
    async (state, frame) => {
      state.runtime = undefined;
      const first = await planOrStay(state, 'direct');
      if (!first) return 'back';
      state.firstPlan = first;
      for (;;) {
        const answer = await pickStep(frame('Runtime'), runtimeItems(first));
        if (answer === BACK || answer === CANCEL) return outcome(answer, () => undefined);
        if (answer.value === first.runtime) return 'next';
        // Deployment + Service picked where KServe is served: the sizing is planned for it.
        state.runtime = answer.value;
        const chosen = await planOrStay(state, 'direct');
        if (!chosen) {
          state.runtime = undefined;
          continue;
        }
        state.firstPlan = chosen;
        return 'next';
      }
    },
    async (state, frame) => {
      const first = state.firstPlan;
      if (!first) return 'back';
      return outcome(
        await pickStep(frame('GPU request (the smallest free unit that fits)'), sizingItems(first.sizing)),
        () => undefined,
      );
    },
    async (state, frame) => {
      const first = state.firstPlan;
      if (!first) return 'back';
      for (;;) {
        const answer = await pickStep(frame('Strategy'), strategyItems(first));
        if (answer === BACK || answer === CANCEL) return answer;
        const planned = await planOrStay(state, answer.value);
        if (!planned) continue;
        state.strategy = answer.value;
        state.plan = planned;
        return 'next';
      }
    },
    async (state, frame) => {
      for (;;) {
        const current = state.plan;
        if (!current || !state.strategy) return 'back';
        const answer = await pickStep(
          frame('Rollback triggers (defaults from the alert table)'),
          triggerItems(current.triggers),
        );
        if (answer === BACK || answer === CANCEL) return answer;
        if (answer.value === 'continue') return 'next';
        const id = answer.value;
        const trigger = current.triggers.find((t) => t.id === id);
        const typed = await inputStep(
          {
            ...frame(`Threshold of ${id}`),
            value: String(trigger?.threshold ?? ''),
            prompt: `Roll back when ${id} is ${trigger?.direction ?? 'above'} this (${trigger?.unit || 'ratio'}).`,
          },
          (text) => {
            const value = parseThreshold(text);
            return typeof value === 'string' ? value : undefined;
          },
        );
        if (typed === CANCEL) return 'cancel';
        if (typed === BACK) continue;
        state.triggers = { ...state.triggers, [id]: Number(typed.value) };
        const planned = await planOrStay(state, state.strategy);
        if (planned) state.plan = planned;
      }
    },
    async (state, frame) => {
      const current = state.plan;
      if (!current || !state.context) return 'back';
      const production = state.context.production;
      return outcome(await pickStep(frame('Gates'), gateItems(current.gates, production)), (choice) =>
        choice === 'stop' ? 'cancel' : undefined,
      );
    },
    async (state, frame) => {
      const context = state.context;
      if (!context?.production) {
        state.confirm = undefined;
        return 'skip';
      }
      const answer = await inputStep(
        {
          ...frame(`Type ${context.name} to confirm`),
          prompt: `${context.name} is marked production. Type its name to deploy there.`,
        },
        (text) => confirmationError(text, context.name),
      );
      return outcome(answer, (typed) => {
        state.confirm = typed;
      });
    },
  ];

  const state: FlowState = { triggers: {} };
  let index = 0;
  let forward = true;
  while (index < steps.length) {
    const step = steps[index];
    if (!step) break;
    const frame = (placeholder: string): StepFrame => ({
      title: TITLE,
      step: index + 1,
      totalSteps: steps.length,
      placeholder,
    });
    const result = await step(state, frame);
    if (result === 'cancel') return undefined;
    if (result === 'skip') index += forward ? 1 : -1;
    else if (result === 'back') {
      forward = false;
      index = Math.max(0, index - 1);
    } else {
      forward = true;
      index += 1;
    }
  }
  if (!state.strategy) return undefined;
  // The final plan carries the confirmation; every gate must pass now.
  const finalRequest = request(state, state.strategy, dwellMs);
  const finalPlan = await plan(finalRequest);
  const blocking = blockingGates(finalPlan.gates, false);
  if (blocking.length > 0) {
    void window.showErrorMessage(
      `MLOps Lens: deployment refused by its gates: ${blocking.map((g) => `${g.id}: ${g.message}`).join('; ')}`,
    );
    return undefined;
  }
  return { request: finalRequest, plan: finalPlan };
}
