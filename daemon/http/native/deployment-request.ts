/** Reads a `DeploymentRequest` body field by field; a wrong field is named in the error. */
import type { DeploymentRequest, DeploymentStrategy, RollbackTrigger } from '../../api/contract.ts';
import { invalidParameter } from '../../store/tracking-error.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

const STRATEGIES: readonly DeploymentStrategy[] = ['direct', 'canary', 'shadow', 'blue-green'];
const TRIGGERS: readonly RollbackTrigger['id'][] = [
  'error-rate',
  'p99-latency',
  'drift-psi',
  'shadow-disagreement',
  'business-metric',
];

function triggers(raw: unknown): DeploymentRequest['triggers'] {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw invalidParameter("'triggers' must be an object of trigger id to threshold.");
  const out: NonNullable<DeploymentRequest['triggers']> = {};
  for (const [key, value] of Object.entries(raw)) {
    const id = TRIGGERS.find((t) => t === key);
    if (!id)
      throw invalidParameter(`'triggers.${key}' is not a trigger; expected one of ${TRIGGERS.join(', ')}.`);
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw invalidParameter(`'triggers.${key}' must be a number.`);
    out[id] = value;
  }
  return out;
}

export function readDeploymentRequest(body: unknown): DeploymentRequest {
  const fields = new RequestFields(body, false);
  const strategyName = fields.optionalString('strategy') ?? 'direct';
  const strategy = STRATEGIES.find((s) => s === strategyName);
  if (!strategy)
    throw invalidParameter(`'strategy' must be one of ${STRATEGIES.join(', ')}, not '${strategyName}'.`);
  const runtime = fields.optionalString('runtime');
  if (runtime !== undefined && runtime !== 'kserve' && runtime !== 'deployment')
    throw invalidParameter(`'runtime' must be kserve or deployment, not '${runtime}'.`);
  const replicas = fields.optionalInt64('replicas');
  if (replicas !== undefined && replicas < 1) throw invalidParameter("'replicas' must be at least 1.");
  const dwell = fields.optionalInt64('dwell_ms');
  if (dwell !== undefined && dwell < 0) throw invalidParameter("'dwell_ms' must not be negative.");
  const optional = {
    service_name: fields.optionalString('service_name'),
    image: fields.optionalString('image'),
    gateway: fields.optionalString('gateway'),
    confirm: fields.optionalString('confirm'),
    evaluation_metric: fields.optionalString('evaluation_metric'),
    business_metric: fields.optionalString('business_metric'),
    runtime,
    replicas,
    dwell_ms: dwell,
    force: fields.optionalBoolean('force'),
    triggers: triggers(fields.raw('triggers')),
  };
  return {
    model_name: fields.string('model_name'),
    model_version: fields.string('model_version'),
    context: fields.string('context'),
    namespace: fields.string('namespace'),
    strategy,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}
