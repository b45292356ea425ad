/**
 * Applies the retirement policy (retirement-policy.ts) to the registry: lists the idle versions
 * and, when asked, archives each one (stage `Archived` with the audit entry, and the tag
 * `mlops_lens.retired` saying when and why) in one transaction.
 */
import type { ModelVersion } from '../api/contract.ts';
import {
  SCORECARD_TAGS,
  type RetirementRequest,
  type RetirementResponse,
} from '../api/scorecard-contract.ts';
import { invalidParameter } from '../store/tracking-error.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { retirementCandidate } from './retirement-policy.ts';

const MAX_DAYS = 36_500;
const PAGE = 1000;
export const RETIREMENT_ACTOR = 'mlops-lens retirement policy';

export class RetirementService {
  readonly #store: TrackingStore;
  readonly #now: () => number;

  constructor(store: TrackingStore, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
  }

  retire(request: RetirementRequest): RetirementResponse {
    const { days } = request;
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
      throw invalidParameter(`'days' must be an integer from 1 to ${MAX_DAYS}, not ${String(days)}.`);
    const now = this.#now();
    const store = this.#store;
    const work = (): RetirementResponse => {
      const candidates = this.#versions(request.model_name).flatMap((v) => {
        const candidate = retirementCandidate(
          {
            model_name: v.name,
            model_version: v.version,
            stage: v.current_stage,
            created_time: v.creation_timestamp,
            aliases: v.aliases,
            last_sample_time: store.versionTraffic.lastSampleTime(v.name, v.version),
            deployments: store.versionTraffic.servingDeployments(v.name, v.version),
          },
          days,
          now,
        );
        return candidate === undefined ? [] : [candidate];
      });
      if (request.apply === true)
        for (const c of candidates) {
          store.registry.transitionStage(c.model_name, c.model_version, 'Archived', false, RETIREMENT_ACTOR);
          store.registry.setVersionTag(c.model_name, c.model_version, {
            key: SCORECARD_TAGS.retired,
            value: `${new Date(now).toISOString()}: ${c.reason}`,
          });
        }
      return { applied: request.apply === true, days, candidates };
    };
    return request.apply === true ? store.write(work) : store.read(work);
  }

  #versions(modelName: string | undefined): ModelVersion[] {
    const filter = modelName === undefined ? undefined : `name = '${modelName.replaceAll("'", "''")}'`;
    if (modelName !== undefined) this.#store.registry.getModel(modelName);
    const out: ModelVersion[] = [];
    let pageToken: string | undefined;
    do {
      const page = this.#store.registry.searchVersions({ filter, maxResults: PAGE, pageToken });
      out.push(...page.versions);
      pageToken = page.nextPageToken;
    } while (pageToken !== undefined);
    return out;
  }
}
