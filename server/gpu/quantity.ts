/**
 * Kubernetes resource quantities (`1`, `500m`, `1.5`, `2Gi`, `1e3`) as numbers, enough to
 * compare GPU counts and to tell whole units from fractions the API server rejects.
 */
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+)?$/;

const SUFFIX: Readonly<Record<string, number>> = {
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The quantity's value, or undefined when the text is not a Kubernetes quantity. */
export function parseQuantity(raw: string): number | undefined {
  const match = QUANTITY.exec(raw.trim());
  if (!match?.[1]) return undefined;
  const number = Number(match[1]);
  const suffix = match[2];
  if (suffix === undefined) return number;
  if (/^[eE]/.test(suffix)) return number * 10 ** Number(suffix.slice(1));
  return number * (SUFFIX[suffix] ?? 1);
}

/**
 * Whether the API server accepts the quantity for an integer extended resource: it compares the
 * milli-value, so `1.0` and `1000m` are whole, `0.5` and `1500m` are not.
 */
export function isWholeQuantity(value: number): boolean {
  return Math.round(value * 1000) % 1000 === 0;
}
