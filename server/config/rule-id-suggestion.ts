/** "Did you mean" for rule ids in `.mlops-lens.yaml`: the closest known id, if it is close. */

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known id closest to `id` within a few edits, or undefined. Ids far from every known one
 * are left alone: they may belong to rules this build does not have.
 */
export function closestRuleId(id: string, known: readonly string[]): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(id, candidate);
    if (distance <= 3 && (!best || distance < best.distance)) best = { id: candidate, distance };
  }
  return best?.id;
}
