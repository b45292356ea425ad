/**
 * The drift dashboard's model health from the daemon: a data-quality report on the window of the
 * drift report the daemon attributes (the last 24 hours without one) and the retraining
 * recommendation. Both are computed on request and observe the quality alert, whose change
 * reloads the dashboard; so they are kept per drift report and asked again only for a newer
 * report or when the user refreshes, never for a reload they caused themselves.
 */
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type {
  CreateQualityReportRequest,
  DriftReport,
  QualityReportResponse,
} from '../../daemon/api/contract.ts';
import type {
  CreateRetrainingRecommendationRequest,
  RetrainingRecommendationResponse,
} from '../../daemon/api/retraining-contract.ts';
import type { DriftSubject } from '../../webviews/drift-dashboard/contract.ts';
import type { ModelHealth } from '../../webviews/drift-dashboard/health-contract.ts';
import {
  healthDriftReport,
  qualitySection,
  recommendationSection,
} from '../../webviews/drift-dashboard/model-health.ts';

export type DaemonPost = <T>(path: string, body: unknown) => Promise<T>;

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class ModelHealthLoader {
  readonly #post: DaemonPost;
  #key: string | undefined;
  #health: ModelHealth | undefined;

  constructor(post: DaemonPost) {
    this.#post = post;
  }

  /** Forget what was asked, so that the next `load` asks the daemon again. */
  invalidate(): void {
    this.#key = undefined;
    this.#health = undefined;
  }

  async load(subject: DriftSubject, reportsNewestFirst: readonly DriftReport[]): Promise<ModelHealth> {
    const report = healthDriftReport(reportsNewestFirst);
    const key = `${subject.model}@${subject.version}#${report?.report_id ?? ''}`;
    if (this.#health !== undefined && this.#key === key) return this.#health;
    const target = { model_name: subject.model, model_version: subject.version };
    const qualityRequest: CreateQualityReportRequest = report
      ? { ...target, from: report.window.from, to: report.window.to }
      : target;
    const recommendationRequest: CreateRetrainingRecommendationRequest = target;
    const [quality, recommendation] = await Promise.all([
      this.#post<QualityReportResponse>(`${NATIVE_API_PREFIX}/quality/reports`, qualityRequest).then(
        ({ report: made }) => qualitySection(made),
        (error: unknown) => ({ state: 'none' as const, reason: reason(error) }),
      ),
      this.#post<RetrainingRecommendationResponse>(
        `${NATIVE_API_PREFIX}/retraining/recommendation`,
        recommendationRequest,
      ).then(
        ({ recommendation: made }) => recommendationSection(made),
        (error: unknown) => ({ state: 'none' as const, reason: reason(error) }),
      ),
    ]);
    const health: ModelHealth = { quality, recommendation };
    this.#key = key;
    this.#health = health;
    return health;
  }
}
