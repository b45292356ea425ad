/**
 * The params table: one row per param key, one column per run. A row whose runs disagree (a
 * different value, or the param missing from some run) is marked, and those rows come first.
 * DOM-free, so it is unit tested.
 */
import type { CompareRun } from './contract.ts';

export interface ParamRow {
  readonly key: string;
  /** In the order of the runs; `undefined` where the run did not log this param. */
  readonly values: readonly (string | undefined)[];
  readonly differs: boolean;
}

export function paramsDiff(runs: readonly CompareRun[]): ParamRow[] {
  const keys = new Set<string>();
  for (const run of runs) for (const key of Object.keys(run.params)) keys.add(key);
  const rows = [...keys].map((key): ParamRow => {
    const values = runs.map((run) => (Object.hasOwn(run.params, key) ? run.params[key] : undefined));
    const differs = values.some((value) => value !== values[0]);
    return { key, values, differs };
  });
  return rows.sort((a, b) => Number(b.differs) - Number(a.differs) || a.key.localeCompare(b.key));
}
