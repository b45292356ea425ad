import type { Fix, Report } from '../../engine/types.ts';
import type { WorkspaceView } from '../../engine/workspace-view.ts';
import type { DependencyFile } from '../../requirements/dependency-file.ts';
import {
  ownTrainingDependencies,
  trainingDependencies,
  writtenName,
} from '../../requirements/training-dependencies.ts';
import type { TrainingDependency } from '../../requirements/training-dependencies.ts';
import { resolveBeside } from '../../requirements/workspace-lock.ts';

/** Name parts that make a requirements file or an optional-dependency group a serving one. */
const SERVING_PARTS = new Set([
  'serve',
  'serving',
  'server',
  'inference',
  'infer',
  'predict',
  'predictor',
  'api',
]);

function isServingName(name: string): boolean {
  return name
    .toLowerCase()
    .split(/[-_./]+/)
    .some((part) => SERVING_PARTS.has(part));
}

/** `requirements-serve.txt`, `requirements/serving.txt`: the file name when it is a serving one. */
function servingFileName(file: DependencyFile): string | undefined {
  const name = decodeURIComponent(file.uri.slice(file.uri.lastIndexOf('/') + 1));
  return isServingName(name.replace(/^requirements/i, '').replace(/\.(txt|in)$/i, '')) ? name : undefined;
}

function removeLineFix(file: DependencyFile, training: TrainingDependency): Fix {
  const { dependency } = training;
  return {
    title: `Remove ${writtenName(dependency)} from the serving requirements`,
    changes: [
      {
        uri: file.uri,
        edits: [{ range: file.lines.range(dependency.lineStart, dependency.lineEnd), newText: '' }],
      },
    ],
    safe: false,
  };
}

/**
 * Findings of a serving environment's dependency list: a serving requirements file, or a
 * serving optional-dependency group of `pyproject.toml`, that lists or includes training-only
 * packages.
 */
export function checkServingRequirements(
  file: DependencyFile,
  workspace: WorkspaceView | undefined,
): Report[] {
  const reports: Report[] = [];
  if (file.format === 'pyproject') {
    for (const training of ownTrainingDependencies(file)) {
      const group = training.dependency.group;
      if (group === undefined || !isServingName(group)) continue;
      reports.push({
        range: training.related.range,
        message: `The serving dependency group "${group}" lists ${writtenName(training.dependency)}, which only training needs (${training.use}).`,
      });
    }
    return reports;
  }
  const name = servingFileName(file);
  if (!name) return [];
  for (const training of ownTrainingDependencies(file))
    reports.push({
      range: training.related.range,
      message: `${name} is a serving environment but lists ${writtenName(training.dependency)}, which only training needs (${training.use}).`,
      fixes: [removeLineFix(file, training)],
    });
  if (!workspace) return reports;
  for (const include of file.includes) {
    if (include.kind !== 'requirements') continue;
    const uri = resolveBeside(file.uri, include.path);
    const text = workspace.read(uri);
    if (text === undefined) continue;
    const training = trainingDependencies(uri, text, workspace);
    if (training.length === 0) continue;
    const names = [...new Set(training.map((t) => writtenName(t.dependency)))].join(', ');
    reports.push({
      range: file.lines.range(include.start, include.end),
      message: `${name} is a serving environment but includes ${include.path}, which holds training-only packages: ${names}.`,
      related: training.map((t) => t.related),
    });
  }
  return reports;
}
