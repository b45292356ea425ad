/**
 * Generated churn feature rows for the data-quality tests: a clean training set and a
 * production window with known faults at fixed row positions, so each count is known exactly.
 */
import type { DriftValue } from '../../daemon/api/contract.ts';

export const PRODUCTION_ROWS = 1000;
export const PLANS = ['basic', 'plus', 'pro'];

export function trainingColumns(rows = 500): Record<string, DriftValue[]> {
  const columns: Record<string, DriftValue[]> = {
    tenure: [],
    plan: [],
    monthly_charges: [],
    comment: [],
    region: [],
  };
  for (let i = 0; i < rows; i += 1) {
    columns.tenure?.push(i % 73);
    columns.plan?.push(PLANS[i % 3] ?? 'basic');
    columns.monthly_charges?.push(20 + (i % 100) + 0.5);
    columns.comment?.push(i % 5 === 0 ? null : 'ok'.repeat(1 + (i % 4)));
    columns.region?.push(i % 2 === 0 ? 'eu' : 'us');
  }
  return columns;
}

/** Which production rows hold each fault. */
export const FAULTS = {
  tenureOutOfRange: (i: number) => i % 50 === 0,
  tenureNull: (i: number) => i % 100 === 7,
  planUnseen: (i: number) => i % 25 === 3,
  planNull: (i: number) => i % 250 === 11,
  chargesAsText: (i: number) => i % 200 === 5,
  commentTooLong: (i: number) => i % 40 === 1,
  debugFlag: (i: number) => i % 10 === 0,
};

export function productionRows(): Record<string, DriftValue>[] {
  const rows: Record<string, DriftValue>[] = [];
  for (let i = 0; i < PRODUCTION_ROWS; i += 1) {
    const row: Record<string, DriftValue> = {
      tenure: FAULTS.tenureNull(i) ? null : FAULTS.tenureOutOfRange(i) ? 100 + i : i % 73,
      plan: FAULTS.planNull(i) ? null : FAULTS.planUnseen(i) ? 'enterprise' : (PLANS[i % 3] ?? 'basic'),
      monthly_charges: FAULTS.chargesAsText(i) ? `${20 + (i % 100)}.5` : 20 + (i % 100) + 0.5,
      comment: FAULTS.commentTooLong(i) ? 'a customer note that is far too long for the field' : 'ok',
    };
    if (FAULTS.debugFlag(i)) row.debug_flag = true;
    rows.push(row);
  }
  return rows;
}

/** How many production rows a fault predicate selects, counted over the row numbers. */
export function rowsWhere(fault: (i: number) => boolean, except?: (i: number) => boolean): number {
  let count = 0;
  for (let i = 0; i < PRODUCTION_ROWS; i += 1) if (fault(i) && !(except?.(i) ?? false)) count += 1;
  return count;
}
