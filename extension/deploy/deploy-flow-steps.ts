/**
 * The choices of each step of "Deploy Model Version…", DOM- and vscode-free: what the daemon's
 * registry, clusters and plan answers become as pickable items. Nothing here decides what the
 * daemon decides (runtime, sizing, steps, gates): it only shows the plan.
 */
import type {
  ClusterContextSummary,
  DeploymentGate,
  DeploymentPlan,
  DeploymentStrategy,
  GpuSizing,
  ModelVersion,
  RegisteredModel,
  RollbackTrigger,
} from '../../daemon/api/contract.ts';

/** A QuickPick item with the value it stands for. */
export interface PickItem<T> {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly value: T;
}

export function modelItems(models: readonly RegisteredModel[]): PickItem<string>[] {
  return models.map((model) => ({
    label: model.name,
    description: model.aliases.map((a) => `@${a.alias} → v${a.version}`).join(', ') || undefined,
    value: model.name,
  }));
}

/** Aliases first (`@production`), then the versions, newest first. */
export function versionItems(model: RegisteredModel, versions: readonly ModelVersion[]): PickItem<string>[] {
  const aliases = model.aliases.map((a) => ({
    label: `@${a.alias}`,
    description: `version ${a.version}`,
    value: `@${a.alias}`,
  }));
  const numbered = [...versions]
    .sort((a, b) => Number(b.version) - Number(a.version))
    .map((v) => ({
      label: `v${v.version}`,
      description: [
        v.aliases.map((a) => `@${a}`).join(' '),
        v.current_stage !== 'None' ? v.current_stage : '',
      ]
        .filter(Boolean)
        .join(' · '),
      detail: v.description || undefined,
      value: v.version,
    }));
  return [...aliases, ...numbered];
}

/** Only the contexts the daemon watches and can reach; a production one says so. */
export function contextItems(contexts: readonly ClusterContextSummary[]): PickItem<string>[] {
  return contexts
    .filter((c) => c.enabled && c.freshness.state !== 'error' && c.freshness.state !== 'disabled')
    .map((c) => ({
      label: c.name,
      description: [c.production ? 'production' : '', c.freshness.state].filter(Boolean).join(' · '),
      detail: c.server,
      value: c.name,
    }));
}

/** The context's default namespace, those where workloads run, then `default`; each once. */
export function namespaceItems(
  context: ClusterContextSummary | undefined,
  workloadNamespaces: readonly string[],
): PickItem<string>[] {
  const names = [context?.namespace, ...[...workloadNamespaces].sort(), 'default'].filter(
    (n): n is string => typeof n === 'string' && n !== '',
  );
  return [...new Set(names)].map((name) => ({
    label: name,
    description: name === context?.namespace ? "the context's namespace" : undefined,
    value: name,
  }));
}

const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** A typed namespace: a DNS label, or why not. */
export function namespaceError(value: string): string | undefined {
  return NAMESPACE.test(value) ? undefined : 'A namespace is a DNS label: a-z, 0-9 and -, at most 63.';
}

const KSERVE_ITEM: PickItem<DeploymentPlan['runtime']> = {
  label: 'KServe InferenceService',
  description: 'the cluster serves serving.kserve.io/v1beta1',
  detail: 'Traffic moves by canaryTrafficPercent (shadow deploys go through Gateway API).',
  value: 'kserve',
};

/**
 * The runtimes the cluster offers, as the daemon's plan found them: where the KServe CRD is
 * served, KServe first and a Deployment and a Service as the other choice; otherwise only the
 * Deployment and the Service.
 */
export function runtimeItems(plan: Pick<DeploymentPlan, 'runtimes'>): PickItem<DeploymentPlan['runtime']>[] {
  if (!plan.runtimes.includes('kserve'))
    return [
      {
        label: 'Deployment + Service',
        description: 'no KServe CRD on this cluster',
        detail: 'One Deployment per version behind the Service.',
        value: 'deployment',
      },
    ];
  return [
    KSERVE_ITEM,
    {
      label: 'Deployment + Service',
      description: 'instead of KServe',
      detail:
        'One Deployment per version behind the Service; traffic by Gateway API weights, or else by replica ratio.',
      value: 'deployment',
    },
  ];
}

function mib(value: number): string {
  return value >= 1024 ? `${(value / 1024).toFixed(1)} GiB` : `${value} MiB`;
}

/** The chosen GPU unit first (picking anything goes on), then each line of the reasoning. */
export function sizingItems(sizing: GpuSizing): PickItem<'accept'>[] {
  return [
    {
      label: `Request ${sizing.resource}`,
      description: `${mib(sizing.slice_memory_mib)} for ${mib(sizing.required_memory_mib)} needed (${sizing.basis === 'observed' ? 'observed peak' : 'estimate'})`,
      value: 'accept',
    },
    ...sizing.reasoning.map((line) => ({ label: `$(info) ${line}`, value: 'accept' as const })),
  ];
}

const STRATEGY_TEXT: Record<DeploymentStrategy, { label: string; detail: string }> = {
  direct: { label: 'Direct', detail: 'All traffic to the new version at once.' },
  canary: { label: 'Canary 5% → 25% → 50% → 100%', detail: 'Each step holds while the guardrails hold.' },
  shadow: {
    label: 'Shadow',
    detail: 'Serves 0%; every request is mirrored to the new version and the outputs compared.',
  },
  'blue-green': {
    label: 'Blue-green',
    detail: 'The new version ready beside the old, then all traffic switches.',
  },
};

/** The four strategies; a replica-ratio split is named coarse, as the plan says. */
export function strategyItems(
  plan: Pick<DeploymentPlan, 'traffic' | 'traffic_note'>,
): PickItem<DeploymentStrategy>[] {
  const coarse = plan.traffic === 'replica-ratio';
  return (Object.keys(STRATEGY_TEXT) as DeploymentStrategy[]).map((strategy) => ({
    label: STRATEGY_TEXT[strategy].label,
    description:
      coarse && (strategy === 'canary' || strategy === 'blue-green') ? 'coarse: by replica ratio' : undefined,
    detail:
      coarse && strategy === 'canary'
        ? `${STRATEGY_TEXT[strategy].detail} ${plan.traffic_note ?? ''}`.trim()
        : STRATEGY_TEXT[strategy].detail,
    value: strategy,
  }));
}

export type TriggerChoice = 'continue' | RollbackTrigger['id'];

function threshold(trigger: RollbackTrigger): string {
  return `${trigger.threshold}${trigger.unit && trigger.unit !== 'ratio' ? ` ${trigger.unit}` : ''}`;
}

/** "Continue" first, then each trigger with its threshold; picking one edits it. */
export function triggerItems(triggers: readonly RollbackTrigger[]): PickItem<TriggerChoice>[] {
  return [
    { label: '$(check) Continue with these rollback triggers', value: 'continue' },
    ...triggers.map((t) => ({
      label: t.id,
      description: `rolls back when ${t.direction} ${threshold(t)}`,
      detail: 'Pick to change the threshold.',
      value: t.id,
    })),
  ];
}

/** A typed threshold, or why it is not one. */
export function parseThreshold(text: string): number | string {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) && value >= 0
    ? value
    : 'A threshold is a number, 0 or more.';
}

/**
 * The gates that stop the deployment. For a production context the typed confirmation comes
 * after this step, so its gate does not block here.
 */
export function blockingGates(gates: readonly DeploymentGate[], production: boolean): DeploymentGate[] {
  return gates.filter((g) => g.status === 'failed' && !(production && g.id === 'production-confirmation'));
}

const GATE_ICON: Record<DeploymentGate['status'], string> = {
  passed: '$(pass)',
  failed: '$(error)',
  'not-checked': '$(circle-slash)',
};

export type GateChoice = 'continue' | 'stop';

/** Each gate with pass/fail; the first item goes on, or stops when a gate blocks. */
export function gateItems(gates: readonly DeploymentGate[], production: boolean): PickItem<GateChoice>[] {
  const blocking = blockingGates(gates, production);
  const first: PickItem<GateChoice> =
    blocking.length === 0
      ? { label: '$(check) Continue', value: 'continue' }
      : {
          label: `$(stop) Cannot deploy: ${blocking.length} gate${blocking.length === 1 ? '' : 's'} failed`,
          value: 'stop',
        };
  return [
    first,
    ...gates.map((g) => ({
      label: `${GATE_ICON[g.status]} ${g.id}`,
      description:
        g.status === 'failed' && production && g.id === 'production-confirmation' ? 'asked next' : g.status,
      detail: g.message,
      value: blocking.length === 0 ? ('continue' as const) : ('stop' as const),
    })),
  ];
}

/** The typed confirmation of a production context: its exact name. */
export function confirmationError(typed: string, context: string): string | undefined {
  return typed === context ? undefined : `Type ${context} to deploy to this production context.`;
}
