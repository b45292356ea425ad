import { isConfigFile } from '../config/model.ts';
import { isLockfileName } from '../requirements/lockfile-versions.ts';

export type FileKind =
  | 'config'
  | 'yaml'
  | 'json'
  | 'python'
  | 'notebook'
  | 'requirements'
  | 'pyproject'
  | 'dockerfile'
  | 'dvc-config'
  | 'readme'
  /** Read by cross-file rules only: Python lockfiles and DVC-tracked data (`*.dvc`). */
  | 'lockfile'
  | 'dvc-tracked';

/** What the engine does with a file, decided by its name alone. */
export function fileKindOf(uri: string): FileKind | undefined {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  if (isConfigFile(uri)) return 'config';
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  if (/\.json$/i.test(name)) return 'json';
  if (/\.pyi?$/i.test(name)) return 'python';
  if (/\.ipynb$/i.test(name)) return 'notebook';
  if (isLockfileName(name)) return 'lockfile';
  if (/^requirements.*\.(txt|in)$/i.test(name)) return 'requirements';
  if (/(^|[\\/])requirements[\\/][^\\/]+\.(txt|in)$/i.test(uri)) return 'requirements';
  if (name === 'pyproject.toml') return 'pyproject';
  if (/^(Dockerfile|Containerfile)(\..+)?$|\.Dockerfile$/i.test(name)) return 'dockerfile';
  if (/(^|[\\/])\.dvc[\\/]config$/.test(uri)) return 'dvc-config';
  if (/\.dvc$/.test(name) && name !== '.dvc') return 'dvc-tracked';
  if (/^readme\.md$/i.test(name)) return 'readme';
  return undefined;
}
