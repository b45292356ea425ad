/**
 * Whether a model version serves: its latest serving sample, its deployments that took traffic
 * (and when a later deployment of the same service replaced them), and how many of its
 * predictions got a delayed label. Read by the scorecard and the retirement policy.
 */
import type Database from 'better-sqlite3';

/** A deployment of the version that took traffic, and until when (undefined: still live). */
export interface ServingDeployment {
  id: string;
  context: string;
  namespace: string;
  service_name: string;
  state: string;
  traffic_percent: number;
  previous_version?: string;
  created_time: number;
  until?: number;
  /** The ids of the rollback triggers it was applied with (error rate, latency, business metric, …). */
  triggers: string[];
}

const SERVING_STATES = "('promoted', 'progressing')";

export class VersionTrafficRecords {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** The time of the version's newest serving sample, if it has any. */
  lastSampleTime(modelName: string, modelVersion: string): number | undefined {
    const row = this.#db
      .prepare('SELECT MAX(time) AS time FROM drift_samples WHERE model_name = ? AND model_version = ?')
      .get(modelName, modelVersion) as { time: number | null };
    return row.time ?? undefined;
  }

  sampleCount(modelName: string, modelVersion: string): number {
    return (
      this.#db
        .prepare('SELECT COUNT(*) AS n FROM drift_samples WHERE model_name = ? AND model_version = ?')
        .get(modelName, modelVersion) as { n: number }
    ).n;
  }

  /** How many of the version's predictions have a label joined to them. */
  labelledCount(modelName: string, modelVersion: string): number {
    return (
      this.#db
        .prepare(
          `SELECT COUNT(*) AS n FROM drift_samples s JOIN outcome_labels l ON l.prediction_id = s.prediction_id
           WHERE s.model_name = ? AND s.model_version = ?`,
        )
        .get(modelName, modelVersion) as { n: number }
    ).n;
  }

  /** The version's deployments that took traffic, newest first, each with when it was replaced. */
  servingDeployments(modelName: string, modelVersion: string): ServingDeployment[] {
    const rows = this.#db
      .prepare(
        `SELECT d.id, d.context, d.namespace, d.service_name, d.state, d.traffic_percent, d.previous_version,
                d.created_time, d.plan_json,
                (SELECT MIN(n.created_time) FROM deployments n
                  WHERE n.context = d.context AND n.namespace = d.namespace AND n.service_name = d.service_name
                    AND n.created_time > d.created_time AND n.state IN ${SERVING_STATES}) AS until
           FROM deployments d
          WHERE d.model_name = ? AND d.model_version = ? AND d.state IN ${SERVING_STATES}
          ORDER BY d.created_time DESC`,
      )
      .all(modelName, Number(modelVersion)) as (Omit<
      ServingDeployment,
      'until' | 'previous_version' | 'triggers'
    > & {
      until: number | null;
      previous_version: number | null;
      plan_json: string;
    })[];
    return rows.map(({ until, previous_version, plan_json, ...row }) => ({
      ...row,
      triggers: triggerIds(plan_json),
      ...(until === null ? {} : { until }),
      ...(previous_version === null ? {} : { previous_version: String(previous_version) }),
    }));
  }
}

/** The trigger ids of a stored plan (`{plan: {triggers: [{id}]}}`); none when the plan has none. */
function triggerIds(planJson: string): string[] {
  const { plan } = JSON.parse(planJson) as { plan?: { triggers?: { id: string }[] } };
  return (plan?.triggers ?? []).map((trigger) => trigger.id);
}
