/**
 * The retraining recommendation for a model version: its attribution, the seasonal check of
 * its latest drift (the same window against last year's, else last week's production data: a
 * stored report when there is one, else one computed and stored now) and the cost of its last
 * training runs, judged by retraining-decision.ts.
 */
import type { DriftReport } from '../api/contract.ts';
import type {
  CreateRetrainingRecommendationRequest,
  RetrainingRecommendation,
  SeasonalCheck,
} from '../api/retraining-contract.ts';
import type { AttributionService } from '../attribution/attribution-service.ts';
import type { CostService } from '../cost/cost-service.ts';
import type { DriftService } from '../drift/drift-service.ts';
import { invalidParameter, TrackingError } from '../store/tracking-error.ts';
import { DEFAULT_MIN_LABELS } from '../attribution/drift-attribution.ts';
import { recommendRetraining } from './retraining-decision.ts';

const SEASONAL_REFERENCES = ['last_year', 'last_week'] as const;

export interface RetrainingSources {
  drift: DriftService;
  attribution: AttributionService;
  cost: CostService;
  now?: () => number;
}

export class RetrainingService {
  readonly #sources: RetrainingSources;
  readonly #now: () => number;

  constructor(sources: RetrainingSources) {
    this.#sources = sources;
    this.#now = sources.now ?? Date.now;
  }

  async recommend(request: CreateRetrainingRecommendationRequest): Promise<RetrainingRecommendation> {
    const { model_name: name, model_version: version } = request;
    const minLabels = request.min_labels ?? DEFAULT_MIN_LABELS;
    if (!Number.isInteger(minLabels) || minLabels < 1)
      throw invalidParameter(`'min_labels' must be a positive integer, not ${minLabels}.`);
    if (request.budget !== undefined && !(request.budget >= 0))
      throw invalidParameter(`'budget' must be a number of at least 0, not ${request.budget}.`);
    const attribution = await this.#sources.attribution.attribute(name, version, minLabels);
    const drift = this.#sources.attribution.latestDriftReport(name, version);
    const seasonal =
      drift !== undefined && drift.drifted_features > 0 ? await this.#seasonal(drift) : undefined;
    const trainingCost = this.#sources.cost.versionTrainingCost(name, version);
    const { action, reasoning } = recommendRetraining({
      attribution,
      drift,
      seasonal,
      trainingCost,
      minLabels,
      budget: request.budget,
    });
    const recommendation: RetrainingRecommendation = {
      model_name: name,
      model_version: version,
      created_time: this.#now(),
      action,
      reasoning,
      attribution,
      min_labels: minLabels,
    };
    if (seasonal !== undefined) recommendation.seasonal = seasonal;
    if (trainingCost !== undefined) recommendation.training_cost = trainingCost;
    if (request.budget !== undefined) recommendation.budget = request.budget;
    return recommendation;
  }

  /**
   * The drift report's window against last year's, else last week's data; undefined when neither
   * has samples. It explains the shift when fewer features drift against it and the dataset does not.
   */
  async #seasonal(report: DriftReport): Promise<SeasonalCheck | undefined> {
    const stored = this.#sources.drift.reports(report.model_name, report.model_version);
    for (const reference of SEASONAL_REFERENCES) {
      let seasonal = stored.find(
        (r) =>
          r.reference.kind === reference &&
          r.window.from === report.window.from &&
          r.window.to === report.window.to,
      );
      if (seasonal === undefined) {
        try {
          seasonal = await this.#sources.drift.createReport({
            modelName: report.model_name,
            modelVersion: report.model_version,
            from: report.window.from,
            to: report.window.to,
            reference,
          });
        } catch (error) {
          if (error instanceof TrackingError && error.code === 'INVALID_PARAMETER_VALUE') continue;
          throw error;
        }
      }
      return {
        reference,
        report_id: seasonal.report_id,
        drifted_features: seasonal.drifted_features,
        drift_share: seasonal.drift_share,
        dataset_drift: seasonal.dataset_drift,
        explains_shift: !seasonal.dataset_drift && seasonal.drifted_features < report.drifted_features,
      };
    }
    return undefined;
  }
}
