/**
 * `mlops-lens models tag <model>@<version|alias> KEY=VALUE...`: sets model-version tags (the
 * scorecard's accountability fields such as `mlops_lens.owner=churn-team`), one MLflow
 * model-versions/set-tag call each.
 */
import { usageFailure } from './cli-failure.ts';
import type { CliCommand } from './command-result.ts';
import { resolveVersion } from './registry-lookup.ts';

export const modelsTag: CliCommand = async (parsed, client) => {
  const [reference = '', ...pairs] = parsed.positionals;
  const at = reference.lastIndexOf('@');
  if (at <= 0 || at === reference.length - 1)
    throw usageFailure(`expected <model>@<version> (or <model>@<alias>), not '${reference}'`);
  if (pairs.length === 0) throw usageFailure('missing KEY=VALUE');
  const tags = pairs.map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageFailure(`expected KEY=VALUE, not '${pair}'`);
    return { key: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
  const name = reference.slice(0, at);
  const version = await resolveVersion(client, name, reference.slice(at + 1));
  for (const tag of tags)
    await client.mlflow('POST', 'model-versions/set-tag', { name, version: version.version, ...tag });
  return {
    stdout: tags.map((t) => `${name}@${version.version}: ${t.key}=${t.value}`).join('\n'),
  };
};
