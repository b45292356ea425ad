/**
 * Packages that a training or development environment needs and a model server does not: a
 * serving image that installs them is bigger, slower to pull and start, and exposes more code
 * (a Jupyter server, a tracking UI) than it runs. Keyed by PEP 503 normalised name; the value
 * says what the package is for, for messages and docs.
 *
 * Some packages are training-only with an extra alone: `ray[tune]` (the tuner; Ray Serve itself
 * is a serving runtime) and `mlflow[extras]` (the tracking server's extras; `mlflow` alone is how
 * many services load models).
 */
export const TRAINING_ONLY_PACKAGES: ReadonlyMap<string, string> = new Map([
  ['jupyter', 'notebooks'],
  ['jupyterlab', 'notebooks'],
  ['notebook', 'notebooks'],
  ['ipykernel', 'notebooks'],
  ['ipywidgets', 'notebooks'],
  ['nbconvert', 'notebooks'],
  ['papermill', 'notebooks'],
  ['tensorboard', 'training dashboards'],
  ['tensorboardx', 'training dashboards'],
  ['wandb', 'experiment tracking'],
  ['optuna', 'hyper-parameter search'],
  ['hyperopt', 'hyper-parameter search'],
  ['deepspeed', 'distributed training'],
  ['pytest', 'tests'],
  ['pytest-cov', 'tests'],
  ['pre-commit', 'development tooling'],
  ['black', 'development tooling'],
  ['ruff', 'development tooling'],
  ['mypy', 'development tooling'],
  ['flake8', 'development tooling'],
]);

/** Training-only only with one of these extras. */
const TRAINING_ONLY_EXTRAS: ReadonlyMap<
  string,
  { readonly extras: readonly string[]; readonly use: string }
> = new Map([
  ['ray', { extras: ['tune'], use: 'hyper-parameter search' }],
  ['mlflow', { extras: ['extras'], use: 'the tracking server and its extras' }],
]);

/** What a training-only package is for, or undefined when a server may need it. */
export function trainingOnlyUse(key: string, extras: readonly string[]): string | undefined {
  const plain = TRAINING_ONLY_PACKAGES.get(key);
  if (plain) return plain;
  const byExtra = TRAINING_ONLY_EXTRAS.get(key);
  return byExtra && extras.some((extra) => byExtra.extras.includes(extra.toLowerCase()))
    ? byExtra.use
    : undefined;
}
