/**
 * The two scorecards `npm start` shows after the production day: the trained version gets the
 * accountability its team would write (owner, intended use, limitations, approval, changelog,
 * the sensitive column for fairness slices), so most of its lifecycle is answered; a second
 * version is registered by hand from the example's model file, without a run, the way a model
 * copied from a notebook arrives, so most of its questions are missing.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCORECARD_TAGS } from '../../daemon/api/scorecard-contract.ts';
import { DEMO_MODEL } from './production-day-demo.ts';

export interface ScorecardDemo {
  complete: string;
  incomplete: string;
}

export async function seedScorecardDemo(
  daemonUrl: string,
  token: string,
  exampleDir: string,
  trainedVersion: string,
  today = new Date(),
): Promise<ScorecardDemo> {
  const post = async <T>(endpoint: string, body: unknown): Promise<T> => {
    const response = await fetch(`${daemonUrl}/api/2.0/mlflow/${endpoint}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST ${endpoint}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const tags: Record<string, string> = {
    [SCORECARD_TAGS.owner]: 'churn-ml',
    [SCORECARD_TAGS.intendedUse]: 'Rank subscribers by churn risk for the monthly retention campaign',
    [SCORECARD_TAGS.limitations]: 'Trained on consumer subscribers only; not for business accounts',
    [SCORECARD_TAGS.approvedBy]: 'ana',
    [SCORECARD_TAGS.approvedAt]: today.toISOString().slice(0, 10),
    [SCORECARD_TAGS.changelog]: 'Logistic regression on tenure, charges, income, contract and support calls',
    [SCORECARD_TAGS.fairnessSlices]: 'contract',
  };
  for (const [key, value] of Object.entries(tags))
    await post('model-versions/set-tag', { name: DEMO_MODEL, version: trainedVersion, key, value });
  const { model_version: copied } = await post<{ model_version: { version: string } }>(
    'model-versions/create',
    {
      name: DEMO_MODEL,
      source: pathToFileURL(path.join(exampleDir, 'artifacts', 'model.joblib')).href,
      description: 'Copied from a notebook',
    },
  );
  return { complete: trainedVersion, incomplete: copied.version };
}
