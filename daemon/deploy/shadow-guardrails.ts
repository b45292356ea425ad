/**
 * The `shadow-disagreement` guardrail. The serving side pushes both versions' predictions as
 * drift samples (`POST drift/samples`) with the same `prediction_id` per request: the primary's
 * from the version serving, the shadow's from the mirrored one. Since the step was applied, the
 * share of the shadow's predictions paired with a primary one that differ is the reading. Not
 * judged with nothing serving before, or below `minPairs` pairs.
 */
import type { TrackingStore } from '../store/tracking-store.ts';
import type { GuardrailReading, GuardrailSource } from './guardrails.ts';
import { DEFAULT_SHADOW_TOLERANCE, disagreementRate } from './shadow-disagreement.ts';

/** Fewer pairs than this say too little to roll back on. */
export const DEFAULT_SHADOW_MIN_PAIRS = 20;

export interface ShadowGuardrailOptions {
  now?: () => number;
  minPairs?: number;
  tolerance?: number;
}

export function shadowGuardrails(
  store: TrackingStore,
  options: ShadowGuardrailOptions = {},
): GuardrailSource {
  const now = options.now ?? Date.now;
  const minPairs = options.minPairs ?? DEFAULT_SHADOW_MIN_PAIRS;
  const tolerance = options.tolerance ?? DEFAULT_SHADOW_TOLERANCE;
  return {
    read({ model, version, previousVersion, since }): Promise<GuardrailReading> {
      if (model === undefined || previousVersion === undefined) return Promise.resolve({});
      const window = { from: since, to: now() + 1 };
      const pairs = store.read(() =>
        store.driftSamples.predictionPairs(model, previousVersion, version, window),
      );
      if (pairs.length < minPairs) return Promise.resolve({});
      const { rate, differing } = disagreementRate(pairs, tolerance);
      return Promise.resolve({
        'shadow-disagreement': Math.round(rate * 1e4) / 1e4,
        evidence: {
          'shadow-disagreement': `${differing} of ${pairs.length} requests answered differently by version ${version} than by version ${previousVersion} since the step began (paired by prediction_id; numbers differ beyond ${tolerance * 100}%)`,
        },
      });
    },
  };
}
