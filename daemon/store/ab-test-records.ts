/**
 * A/B tests and their per-user outcomes. Plain statements; callers wrap them in `store.write` /
 * `store.read`.
 */
import type Database from 'better-sqlite3';
import type { AbTest } from '../api/ab-test-contract.ts';
import type { ArmTotals } from '../ab-tests/arm-comparison.ts';

export interface AbObservation {
  readonly userId: string;
  readonly arm: string;
  readonly value: number;
}

export class AbTestRecords {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(db: Database.Database, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  /** False when a test of that name exists. */
  create(test: AbTest): boolean {
    const result = this.#db
      .prepare(
        'INSERT INTO ab_tests (name, model_name, definition, created_time) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(test.name, test.model_name ?? null, JSON.stringify(test), test.created_time);
    return result.changes === 1;
  }

  get(name: string): AbTest | undefined {
    const row = this.#db.prepare('SELECT definition FROM ab_tests WHERE name = ?').get(name) as
      { definition: string } | undefined;
    return row ? (JSON.parse(row.definition) as AbTest) : undefined;
  }

  list(): AbTest[] {
    const rows = this.#db
      .prepare('SELECT definition FROM ab_tests ORDER BY created_time DESC, name')
      .all() as {
      definition: string;
    }[];
    return rows.map((row) => JSON.parse(row.definition) as AbTest);
  }

  /** One outcome per user: a later value for the same user replaces the earlier one. */
  record(testName: string, observations: readonly AbObservation[]): void {
    const statement = this.#db.prepare(
      `INSERT INTO ab_observations (test_name, user_id, arm, value, time) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (test_name, user_id) DO UPDATE SET value = excluded.value, time = excluded.time`,
    );
    const time = this.#now();
    for (const o of observations) statement.run(testName, o.userId, o.arm, o.value, time);
  }

  /** Users, sum and sum of squares of the values, per arm. */
  totals(testName: string): Map<string, ArmTotals> {
    const rows = this.#db
      .prepare(
        `SELECT arm, COUNT(*) AS n, TOTAL(value) AS sum, TOTAL(value * value) AS sumOfSquares
         FROM ab_observations WHERE test_name = ? GROUP BY arm`,
      )
      .all(testName) as ({ arm: string } & ArmTotals)[];
    return new Map(rows.map(({ arm, n, sum, sumOfSquares }) => [arm, { n, sum, sumOfSquares }]));
  }
}
