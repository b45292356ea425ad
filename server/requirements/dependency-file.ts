import type { LineIndex } from '../engine/line-index.ts';
import type { RequirementSpec } from './requirement-spec.ts';

/** How a dependency's version is written, which decides how a fix rewrites it. */
export type VersionSyntax =
  /** PEP 440 specifier (`>=1.2`): requirements files and PEP 621 `pyproject.toml`. */
  | 'pep440'
  /** Poetry constraint (`^1.2`, `~1.2`, `*`, `1.2.3`), in a TOML string. */
  | 'poetry';

/** One dependency of a requirements file or `pyproject.toml`, with file offsets. */
export interface Dependency {
  readonly name: string;
  /** PEP 503 normalised name, for comparisons. */
  readonly key: string;
  readonly extras: readonly string[];
  readonly specifier: string;
  readonly pinnedVersion: string | undefined;
  readonly url: string | undefined;
  readonly syntax: VersionSyntax;
  /** `--hash=` options on the requirement line (requirements files). */
  readonly hashes: number;
  /** Installed in editable mode (`-e`), i.e. a local project rather than a release. */
  readonly editable: boolean;
  /** The optional-dependency or Poetry group, undefined for the main dependencies. */
  readonly group: string | undefined;
  /** Offsets in the file: the whole requirement, its name and its version specifier. */
  readonly start: number;
  readonly end: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly specifierStart: number;
  readonly specifierEnd: number;
  /** The offsets of the file's line(s) holding this dependency, line break included. */
  readonly lineStart: number;
  readonly lineEnd: number;
}

/** `-r other.txt` or `-c constraints.txt` in a requirements file. */
export interface RequirementsInclude {
  readonly kind: 'requirements' | 'constraints';
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

export interface DependencyFile {
  readonly uri: string;
  readonly format: 'requirements' | 'pyproject';
  readonly lines: LineIndex;
  readonly dependencies: readonly Dependency[];
  readonly includes: readonly RequirementsInclude[];
}

/** A dependency from a spec parsed at `offset` in the file. */
export function dependencyAt(
  spec: RequirementSpec,
  offset: number,
  extra: Pick<Dependency, 'syntax' | 'hashes' | 'editable' | 'group' | 'lineStart' | 'lineEnd'>,
): Dependency {
  return {
    name: spec.name,
    key: spec.key,
    extras: spec.extras,
    specifier: spec.specifier,
    pinnedVersion: spec.pinnedVersion,
    url: spec.url,
    start: offset + spec.nameStart,
    end: offset + spec.end,
    nameStart: offset + spec.nameStart,
    nameEnd: offset + spec.nameEnd,
    specifierStart: offset + spec.specifierStart,
    specifierEnd: offset + spec.specifierEnd,
    ...extra,
  };
}
