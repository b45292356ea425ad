import type { Dockerfile } from '../dockerfile/parse-dockerfile.ts';
import type { DependencyFile } from './dependency-file.ts';

/**
 * A file that defines a Python environment: an image's Dockerfile, or the dependency list of a
 * requirements file or `pyproject.toml`.
 */
export type EnvironmentFile =
  | { readonly kind: 'dockerfile'; readonly file: Dockerfile }
  | { readonly kind: 'dependencies'; readonly file: DependencyFile };
