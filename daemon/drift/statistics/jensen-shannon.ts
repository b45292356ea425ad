/**
 * Jensen-Shannon distance (natural log, as scipy's `jensenshannon` without `base`): the square
 * root of the mean KL divergence of each distribution from their midpoint. Inputs are counts or
 * shares over the same bins; each side is normalised first.
 */

export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  const pTotal = p.reduce((sum, v) => sum + v, 0);
  const qTotal = q.reduce((sum, v) => sum + v, 0);
  if (pTotal <= 0 || qTotal <= 0) return Number.NaN;
  let divergence = 0;
  for (let i = 0; i < p.length; i += 1) {
    const a = (p[i] ?? 0) / pTotal;
    const b = (q[i] ?? 0) / qTotal;
    const middle = (a + b) / 2;
    if (a > 0) divergence += a * Math.log(a / middle);
    if (b > 0) divergence += b * Math.log(b / middle);
  }
  return Math.sqrt(Math.max(0, divergence / 2));
}
