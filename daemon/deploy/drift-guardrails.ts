/**
 * The `drift-psi` guardrail: the largest input-feature PSI of the new version's drift since its
 * step was applied. It reads the drift service's newest report for the version made within the
 * step; when there is none, or it is older than `refreshMs`, it makes a fresh one over the samples
 * pushed for the version since the step began (stored like any report, so its alerts and the
 * dashboard see it). Not judged below `minSamples` samples or without a baseline to compare with.
 */
import type { DriftReport } from '../api/contract.ts';
import type { DriftService } from '../drift/drift-service.ts';
import { TrackingError } from '../store/tracking-error.ts';
import type { GuardrailReading, GuardrailSource, GuardrailSubject } from './guardrails.ts';

/** Fewer samples than this give a PSI too noisy to roll back on. */
export const DEFAULT_DRIFT_MIN_SAMPLES = 50;
/** How old the step's newest report may be before a fresh one is made. */
export const DEFAULT_DRIFT_REFRESH_MS = 60_000;

export interface DriftGuardrailOptions {
  now?: () => number;
  minSamples?: number;
  refreshMs?: number;
}

export function driftGuardrails(drift: DriftService, options: DriftGuardrailOptions = {}): GuardrailSource {
  const now = options.now ?? Date.now;
  const minSamples = options.minSamples ?? DEFAULT_DRIFT_MIN_SAMPLES;
  const refreshMs = options.refreshMs ?? DEFAULT_DRIFT_REFRESH_MS;

  async function stepReport(model: string, subject: GuardrailSubject): Promise<DriftReport | undefined> {
    const { version, since } = subject;
    const at = now();
    const stored = drift
      .reports(model, version)
      .find((report) => report.created_time >= since && report.window.to > since);
    if (stored && at - stored.created_time < refreshMs) return stored;
    const window = { from: since, to: at + 1 };
    if (drift.sampleCount(model, version, window) < minSamples) return stored;
    try {
      return await drift.createReport({ modelName: model, modelVersion: version, ...window });
    } catch (error) {
      // No baseline recorded for the version: drift cannot be judged.
      if (error instanceof TrackingError) return stored;
      throw error;
    }
  }

  return {
    async read(subject): Promise<GuardrailReading> {
      if (subject.model === undefined) return {};
      const report = await stepReport(subject.model, subject);
      if (!report || report.window.count < minSamples) return {};
      const worst = report.features
        .filter((feature) => !feature.is_prediction && Number.isFinite(feature.psi))
        .sort((a, b) => b.psi - a.psi)[0];
      if (!worst) return {};
      return {
        'drift-psi': Math.round(worst.psi * 1e4) / 1e4,
        evidence: {
          'drift-psi': `feature ${worst.feature}; drift report ${report.report_id} of version ${subject.version} over ${report.window.count} samples since the step began, against its ${report.reference.kind} reference`,
        },
      };
    },
  };
}
