/**
 * Population Stability Index over matching bins: Σ (ref - cur) · ln(ref / cur) of the bins'
 * shares. An empty bin would make it infinite, so a share of 0 counts as PSI_EMPTY_BIN_SHARE
 * (0.0001, as Evidently fills empty bins) on either side.
 */

export const PSI_EMPTY_BIN_SHARE = 0.0001;

export function populationStabilityIndex(
  referenceShares: readonly number[],
  currentShares: readonly number[],
): number {
  let psi = 0;
  for (let i = 0; i < referenceShares.length; i += 1) {
    const reference = (referenceShares[i] ?? 0) || PSI_EMPTY_BIN_SHARE;
    const current = (currentShares[i] ?? 0) || PSI_EMPTY_BIN_SHARE;
    psi += (reference - current) * Math.log(reference / current);
  }
  return psi;
}

/** The seed bands: below 0.1 stable, 0.1 to 0.2 worth a look, above 0.2 a significant shift. */
export type PsiBand = 'stable' | 'investigate' | 'significant';

export function psiBand(psi: number): PsiBand {
  if (psi < 0.1) return 'stable';
  return psi <= 0.2 ? 'investigate' : 'significant';
}
