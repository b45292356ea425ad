/** Reads and checks the body of POST `ab-tests`; a wrong field is a 400 naming it. */
import type { AbArm, CreateAbTestRequest } from '../../api/ab-test-contract.ts';
import { invalidParameter } from '../../store/tracking-error.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function objectList(value: unknown, name: string): RequestFields[] {
  if (!Array.isArray(value)) throw invalidParameter(`'${name}' must be an array of objects.`);
  return value.map((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      throw invalidParameter(`'${name}[${index}]' must be an object.`);
    return new RequestFields(item, false);
  });
}

function optionalNumber(fields: RequestFields, name: string): number | undefined {
  return fields.raw(name) === undefined || fields.raw(name) === null ? undefined : fields.double(name);
}

export function readCreateAbTestRequest(body: unknown): CreateAbTestRequest {
  const fields = new RequestFields(body, false);
  const name = fields.string('name');
  if (!NAME.test(name))
    throw invalidParameter(`'name' must be letters, digits, '.', '_' or '-' (at most 128); got '${name}'.`);
  const arms: AbArm[] = objectList(fields.raw('arms'), 'arms').map((arm, index) => {
    const armName = arm.string('name');
    if (!NAME.test(armName))
      throw invalidParameter(`'arms[${index}].name' is not a valid name: '${armName}'.`);
    const version = arm.optionalString('model_version');
    return {
      name: armName,
      weight: arm.double('weight'),
      ...(version !== undefined ? { model_version: version } : {}),
    };
  });
  const metricBody = fields.raw('primary_metric');
  if (typeof metricBody !== 'object' || metricBody === null)
    throw invalidParameter(
      "'primary_metric' must be an object with name, kind, baseline and minimum_detectable_effect.",
    );
  const metric = new RequestFields(metricBody, false);
  const kind = metric.optionalEnum('kind', ['proportion', 'mean'] as const);
  if (kind === undefined) throw invalidParameter("'primary_metric.kind' is required: proportion or mean.");
  const direction = metric.optionalEnum('direction', ['higher', 'lower'] as const);
  const sd = optionalNumber(metric, 'standard_deviation');
  const request: CreateAbTestRequest = {
    name,
    arms,
    primary_metric: {
      name: metric.string('name'),
      kind,
      baseline: metric.double('baseline'),
      minimum_detectable_effect: metric.double('minimum_detectable_effect'),
      ...(direction !== undefined ? { direction } : {}),
      ...(sd !== undefined ? { standard_deviation: sd } : {}),
    },
  };
  const modelName = fields.optionalString('model_name');
  if (modelName !== undefined) request.model_name = modelName;
  const alpha = optionalNumber(fields, 'alpha');
  if (alpha !== undefined) request.alpha = alpha;
  const power = optionalNumber(fields, 'power');
  if (power !== undefined) request.power = power;
  const salt = fields.optionalString('salt');
  if (salt !== undefined) {
    if (salt === '') throw invalidParameter("'salt' must not be empty.");
    request.salt = salt;
  }
  return request;
}
