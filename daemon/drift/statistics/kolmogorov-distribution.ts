/**
 * The survival function of the two-sided one-sample Kolmogorov statistic D_n, P(D_n ≥ x), which
 * the asymptotic two-sample KS p-value evaluates at n = round(n1·n2 / (n1 + n2)) (as scipy's
 * `kstwo.sf`). The method follows Simard and L'Ecuyer (2011): closed forms at the extremes
 * (Ruben and Gambino), twice the exact one-sided Smirnov tail where the right tail is small,
 * the Durbin matrix (Marsaglia, Tsang and Wang 2003) where it is cheap, and the Pelz-Good
 * expansion otherwise.
 */
import gammaln from '@stdlib/math-base-special-gammaln';

/** P(D_n ≥ x) for the two-sided statistic; n is a positive integer. */
export function kolmogorovSurvival(n: number, x: number): number {
  if (!(n >= 1) || Number.isNaN(x)) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    // P(D_n < x) = n!/n^n (2t - 1)^n for 1/2n ≤ x ≤ 1/n.
    return clip(1 - Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1)));
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSurvival(n, x));
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 4) return clip(1 - durbinMatrixCdf(n, x));
    return clip(2 * smirnovSurvival(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip(2 * smirnovSurvival(n, x));
  if (n <= 100_000 && n * x ** 1.5 <= 1.4) return clip(1 - durbinMatrixCdf(n, x));
  return clip(1 - pelzGoodCdf(n, x));
}

/**
 * The one-sided Smirnov tail P(D+_n ≥ x), by the Birnbaum-Tingey sum
 * x Σ_{j=0}^{⌊n(1-x)⌋} C(n, j) (1 - x - j/n)^(n-j) (x + j/n)^(j-1), summed in logs.
 */
export function smirnovSurvival(n: number, x: number): number {
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const last = Math.floor(n * (1 - x) + 1e-12);
  // Terms rise to one peak and fall; past the peak, those below e^-40 of it cannot matter.
  const logTerms: number[] = [];
  let max = Number.NEGATIVE_INFINITY;
  let logBinomial = 0;
  let previous = Number.NEGATIVE_INFINITY;
  for (let j = 0; j <= last; j += 1) {
    if (j > 0) logBinomial += Math.log((n - j + 1) / j);
    const below = 1 - x - j / n;
    let logTerm: number;
    if (below <= 0) logTerm = n - j === 0 ? 0 : Number.NEGATIVE_INFINITY;
    else logTerm = (n - j) * Math.log(below);
    logTerm += logBinomial + (j - 1) * Math.log(x + j / n);
    logTerms.push(logTerm);
    if (logTerm > max) max = logTerm;
    else if (logTerm < previous && logTerm < max - 40) break;
    previous = logTerm;
  }
  if (max === Number.NEGATIVE_INFINITY) return 0;
  let sum = 0;
  for (const logTerm of logTerms) sum += Math.exp(logTerm - max);
  return Math.min(1, x * Math.exp(max + Math.log(sum)));
}

/** log(n! / n^n). */
function logFactorialOverPower(n: number): number {
  return gammaln(n + 1) - n * Math.log(n);
}

const SCALE_EXPONENT = 400;
const SCALE = 2 ** SCALE_EXPONENT;

/**
 * P(D_n < x) by the Durbin matrix: with k = ⌈nx⌉, h = k - nx and m = 2k - 1, the entry (k, k)
 * of H^n times n!/n^n. Powers are rescaled by 2^400 and the exponent kept apart.
 */
export function durbinMatrixCdf(n: number, x: number): number {
  const nx = n * x;
  if (nx <= 0.5) return 0;
  const k = Math.ceil(nx);
  const h = k - nx;
  const m = 2 * k - 1;
  const matrix = new Float64Array(m * m);
  const inverseFactorial = new Float64Array(m + 1);
  inverseFactorial[0] = 1;
  for (let i = 1; i <= m; i += 1) inverseFactorial[i] = (inverseFactorial[i - 1] ?? 0) / i;
  for (let row = 0; row < m; row += 1) {
    for (let col = 1; col < m; col += 1) {
      const gap = row - col + 1;
      if (gap >= 0) matrix[row * m + col] = inverseFactorial[gap] ?? 0;
    }
  }
  for (let row = 0; row < m; row += 1) {
    matrix[row * m] = (1 - h ** (row + 1)) * (inverseFactorial[row + 1] ?? 0);
  }
  for (let col = 0; col < m; col += 1) {
    matrix[(m - 1) * m + col] = (1 - h ** (m - col)) * (inverseFactorial[m - col] ?? 0);
  }
  matrix[(m - 1) * m] = (1 - 2 * h ** m + Math.max(0, 2 * h - 1) ** m) * (inverseFactorial[m] ?? 0);

  let base: Float64Array = matrix;
  let baseExponent = 0;
  let power: Float64Array | undefined;
  let powerExponent = 0;
  for (let remaining = n; remaining > 0; remaining = Math.floor(remaining / 2)) {
    if (remaining % 2 === 1) {
      if (power === undefined) {
        power = base.slice();
        powerExponent = baseExponent;
      } else {
        power = multiply(power, base, m);
        powerExponent += baseExponent;
      }
      powerExponent += rescale(power, k - 1, m);
    }
    if (remaining > 1) {
      base = multiply(base, base, m);
      baseExponent = 2 * baseExponent + rescale(base, k - 1, m);
    }
  }
  const entry = power?.[(k - 1) * m + (k - 1)] ?? 0;
  if (entry <= 0) return 0;
  const logValue = Math.log(entry) + powerExponent * Math.LN2 + logFactorialOverPower(n);
  return Math.min(1, Math.exp(logValue));
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i += 1) {
    for (let l = 0; l < m; l += 1) {
      const factor = a[i * m + l] ?? 0;
      if (factor === 0) continue;
      const bRow = l * m;
      const outRow = i * m;
      for (let j = 0; j < m; j += 1) out[outRow + j] = (out[outRow + j] ?? 0) + factor * (b[bRow + j] ?? 0);
    }
  }
  return out;
}

/** Divides the matrix by 2^400 while its diagonal entry is huge; returns the exponent taken out. */
function rescale(matrix: Float64Array, diagonal: number, m: number): number {
  let taken = 0;
  while ((matrix[diagonal * m + diagonal] ?? 0) > SCALE) {
    for (let i = 0; i < matrix.length; i += 1) matrix[i] = (matrix[i] ?? 0) / SCALE;
    taken += SCALE_EXPONENT;
  }
  return taken;
}

/**
 * Pelz and Good's expansion P(D_n ≤ x) ≈ K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^1.5 with
 * z = x√n, each K written with Jacobi theta sums that converge fast for small z.
 */
export function pelzGoodCdf(n: number, x: number): number {
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const pi2 = Math.PI ** 2;
  const pi4 = pi2 * pi2;
  const pi6 = pi4 * pi2;
  const logQ = -pi2 / 8 / z2;
  if (logQ < -708) return 0;
  const q = Math.exp(logQ);
  const terms = [0, 0, 0, 0];
  const maxK = Math.ceil((16 * z) / Math.PI);
  // Σ over odd m = 2k - 1 of c(m) q^(m²), evaluated by Horner in q^(8k).
  for (let k = maxK; k >= 1; k -= 1) {
    const m2 = (2 * k - 1) ** 2;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const step = q ** (8 * k);
    const coefficients = [
      1,
      -z2 + (pi2 / 4) * m2,
      6 * z6 + 2 * z4 + ((2 * z4 - 5 * z2) * pi2 * m2) / 4 + (pi4 * (1 - 2 * z2) * m4) / 16,
      -30 * z6 -
        90 * z6 * z2 +
        (pi2 * (135 * z4 - 96 * z6) * m2) / 4 +
        (pi4 * (-60 * z2 + 212 * z4) * m4) / 16 +
        (pi6 * (5 - 30 * z2) * m6) / 64,
    ];
    for (let i = 0; i < 4; i += 1) terms[i] = (terms[i] ?? 0) * step + (coefficients[i] ?? 0);
  }
  const sqrt2Pi = Math.sqrt(2 * Math.PI);
  const denominators = [z, 6 * z4, 72 * z6 * z, 6480 * z6 * z4];
  for (let i = 0; i < 4; i += 1) terms[i] = ((terms[i] ?? 0) * q * sqrt2Pi) / (denominators[i] ?? 1);
  // The integer-k sums that K2 and K3 also carry.
  const qInteger = Math.exp(-pi2 / 2 / z2);
  let k2Extra = 0;
  let k3Extra = 0;
  const sqrt3z = Math.sqrt(3) * z;
  for (let k = maxK; k >= 1; k -= 1) {
    const k2 = k * k;
    const weight = qInteger ** k2;
    k2Extra += k2 * weight;
    k3Extra += (sqrt3z + Math.PI * k) * (sqrt3z - Math.PI * k) * k2 * weight;
  }
  terms[2] = (terms[2] ?? 0) + (k2Extra * pi2 * sqrt2Pi) / (-36 * z2 * z);
  terms[3] = (terms[3] ?? 0) + (k3Extra * pi2 * sqrt2Pi) / (216 * z6);
  let cdf = 0;
  for (let i = 0; i < 4; i += 1) cdf += (terms[i] ?? 0) / n ** (i / 2);
  return cdf;
}

function clip(p: number): number {
  return Math.min(1, Math.max(0, p));
}
