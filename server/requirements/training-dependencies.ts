/**
 * The training-only dependencies of a requirements file, following its `-r` includes through the
 * workspace view.
 */
import type { WorkspaceView } from '../engine/workspace-view.ts';
import type { RelatedLocation } from '../engine/types.ts';
import type { Dependency, DependencyFile } from './dependency-file.ts';
import { parseRequirements } from './parse-requirements.ts';
import { trainingOnlyUse } from './training-only-packages.ts';
import { resolveBeside } from './workspace-lock.ts';

export interface TrainingDependency {
  readonly uri: string;
  readonly dependency: Dependency;
  readonly use: string;
  readonly related: RelatedLocation;
}

/** `ray[tune]`: the name with the extras that make it training-only. */
export function writtenName(dependency: Dependency): string {
  return dependency.extras.length > 0
    ? `${dependency.name}[${dependency.extras.join(',')}]`
    : dependency.name;
}

/** The file's own training-only dependencies. */
export function ownTrainingDependencies(file: DependencyFile): TrainingDependency[] {
  const found: TrainingDependency[] = [];
  for (const dependency of file.dependencies) {
    const use = trainingOnlyUse(dependency.key, dependency.extras);
    if (!use) continue;
    const range = file.lines.range(dependency.start, dependency.end);
    const related = { uri: file.uri, range, message: `${writtenName(dependency)}: ${use}` };
    found.push({ uri: file.uri, dependency, use, related });
  }
  return found;
}

/** Training-only dependencies of a requirements file and of the files it includes with `-r`. */
export function trainingDependencies(
  uri: string,
  text: string,
  workspace: WorkspaceView,
  seen: Set<string> = new Set(),
): TrainingDependency[] {
  if (seen.has(uri) || seen.size > 8) return [];
  seen.add(uri);
  const file = parseRequirements(uri, text);
  const found = ownTrainingDependencies(file);
  for (const include of file.includes) {
    if (include.kind !== 'requirements') continue;
    const included = resolveBeside(uri, include.path);
    const includedText = workspace.read(included);
    if (includedText !== undefined)
      found.push(...trainingDependencies(included, includedText, workspace, seen));
  }
  return found;
}
