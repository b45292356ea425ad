/**
 * GPU cost: GET and PUT `/cost/gpu-prices` (the price table), GET `/cost/runs?run_id=` (GPU-hours and
 * cost per run), GET `/cost/model-versions?name=&version=` (the version's last training runs)
 * GET `/cost/serving?context=&namespace=&service=` (per 1,000 predictions of a served model)
 * and GET `/cost/idle-gpus?context=&hours=&threshold_percent=` (pods whose GPUs sit idle).
 */
import type { FastifyInstance } from 'fastify';
import { NATIVE_API_PREFIX } from '../../api/contract.ts';
import type {
  GpuPricesResponse,
  IdleGpusResponse,
  ModelVersionTrainingCostResponse,
  ServingCostResponse,
  TrainingRunCostsResponse,
} from '../../api/cost-contract.ts';
import type { CostService } from '../../cost/cost-service.ts';
import { DEFAULT_IDLE_HOURS, DEFAULT_IDLE_THRESHOLD_PERCENT } from '../../cost/idle-gpus.ts';
import { invalidParameter, notFound } from '../../store/tracking-error.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

const MAX_RUNS = 100;
const MAX_IDLE_HOURS = 7 * 24;

export function registerCostRoutes(app: FastifyInstance, cost: CostService): void {
  app.get(`${NATIVE_API_PREFIX}/cost/gpu-prices`, (): GpuPricesResponse => ({ prices: cost.prices() }));
  app.put(`${NATIVE_API_PREFIX}/cost/gpu-prices`, (request): GpuPricesResponse => ({
    prices: cost.setPrices(request.body),
  }));

  app.get(`${NATIVE_API_PREFIX}/cost/runs`, (request): TrainingRunCostsResponse => {
    const runIds = new RequestFields(request.query, true).stringList('run_id');
    if (runIds.length === 0 || runIds.length > MAX_RUNS)
      throw invalidParameter(`Give 1 to ${MAX_RUNS} 'run_id' values, not ${runIds.length}.`);
    return { runs: cost.runCosts(runIds) };
  });

  app.get(`${NATIVE_API_PREFIX}/cost/model-versions`, (request): ModelVersionTrainingCostResponse => {
    const fields = new RequestFields(request.query, true);
    const name = fields.string('name');
    const version = fields.id('version');
    const summary = cost.versionTrainingCost(name, version);
    if (summary === undefined) throw notFound(`${name}@${version} has no training run recorded.`);
    return { cost: summary };
  });

  app.get(`${NATIVE_API_PREFIX}/cost/serving`, (request): Promise<ServingCostResponse> => {
    const fields = new RequestFields(request.query, true);
    return cost.servingCost(fields.string('context'), fields.string('namespace'), fields.string('service'));
  });

  app.get(`${NATIVE_API_PREFIX}/cost/idle-gpus`, (request): Promise<IdleGpusResponse> => {
    const fields = new RequestFields(request.query, true);
    const hours = fields.raw('hours') === undefined ? DEFAULT_IDLE_HOURS : fields.double('hours');
    if (!(hours > 0 && hours <= MAX_IDLE_HOURS))
      throw invalidParameter(`'hours' must be above 0 and at most ${MAX_IDLE_HOURS}, not ${hours}.`);
    const threshold =
      fields.raw('threshold_percent') === undefined
        ? DEFAULT_IDLE_THRESHOLD_PERCENT
        : fields.double('threshold_percent');
    if (!(threshold > 0 && threshold <= 100))
      throw invalidParameter(`'threshold_percent' must be above 0 and at most 100, not ${threshold}.`);
    return cost.idleGpus(fields.string('context'), hours, threshold);
  });
}
