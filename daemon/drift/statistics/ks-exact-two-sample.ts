/**
 * The exact two-sided two-sample KS p-value P(D ≥ d) under the null, for samples of sizes n1
 * and n2 without ties: the share of monotone lattice paths from (0, 0) to (n1, n2) that leave
 * the band |i/n1 - j/n2| < d. Paths are walked as a random process (each step's probability is
 * what remains of each sample), so the numbers stay in [0, 1] and nothing overflows.
 */

export function exactTwoSampleSurvival(n1: number, n2: number, d: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const g = gcd(m, n);
  const lcm = (m / g) * n;
  const h = Math.round(d * lcm);
  if (h === 0) return 1;
  // A point (i, j) is outside when |i·n - j·m| ≥ h·g (all integers, exact in doubles).
  const limit = h * g;
  let previous = new Float64Array(n + 1);
  let current = new Float64Array(n + 1);
  let previousLow = 0;
  let previousHigh = Math.min(n, Math.ceil(limit / m) - 1);
  // Column 0: a path that takes only n-steps stays inside while j·m < h·g.
  previous[0] = 1;
  for (let j = 1; j <= previousHigh; j += 1)
    previous[j] = (previous[j - 1] ?? 0) * ((n - j + 1) / (m + n - j + 1));
  for (let i = 1; i <= m; i += 1) {
    const low = Math.max(0, Math.floor((i * n - limit) / m) + 1);
    const high = Math.min(n, Math.ceil((i * n + limit) / m) - 1);
    if (high < low) return 1;
    let below = 0;
    for (let j = low; j <= high; j += 1) {
      const remaining = m + n - i - j + 1;
      const fromLeft =
        j >= previousLow && j <= previousHigh ? (previous[j] ?? 0) * ((m - i + 1) / remaining) : 0;
      const fromBelow = j > low ? below * ((n - j + 1) / remaining) : 0;
      below = fromLeft + fromBelow;
      current[j] = below;
    }
    [previous, current] = [current, previous];
    previousLow = low;
    previousHigh = high;
  }
  const inside = previousHigh >= n && previousLow <= n ? (previous[n] ?? 0) : 0;
  return Math.min(1, Math.max(0, 1 - inside));
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
