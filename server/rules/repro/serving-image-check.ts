import type { WorkspaceView } from '../../engine/workspace-view.ts';
import type { Fix, RelatedLocation, Report } from '../../engine/types.ts';
import { copiedFile } from '../../dockerfile/copied-requirements.ts';
import { installCommands } from '../../dockerfile/install-commands.ts';
import type { InstallCommand } from '../../dockerfile/install-commands.ts';
import type { Dockerfile, Word } from '../../dockerfile/parse-dockerfile.ts';
import { servingEvidence, stagesInFinalImage } from '../../dockerfile/serving-image.ts';
import { normalizePackageName, parseRequirementSpec } from '../../requirements/requirement-spec.ts';
import { trainingDependencies, writtenName } from '../../requirements/training-dependencies.ts';
import { trainingOnlyUse } from '../../requirements/training-only-packages.ts';
import { splitRequirementsFix } from './split-requirements-fix.ts';

/** A package argument's name and extras: pip's requirement syntax, or conda's `name=version`. */
function packageOf(word: Word, tool: InstallCommand['tool']): { key: string; extras: readonly string[] } {
  const spec = tool === 'pip' ? parseRequirementSpec(word.text) : undefined;
  if (spec) return { key: spec.key, extras: spec.extras };
  return { key: normalizePackageName(/^[A-Za-z0-9._-]+/.exec(word.text)?.[0] ?? ''), extras: [] };
}

/**
 * Removes one package argument when other arguments remain: alone on a continued line, the whole
 * line; first on its line, with the spaces after it; else with the spaces before it.
 */
function removePackageFix(file: Dockerfile, install: InstallCommand, word: Word): Fix | undefined {
  if (install.packages.length + install.requirementFiles.length < 2) return undefined;
  const text = file.lines.text;
  const lineStart = text.lastIndexOf('\n', word.start - 1) + 1;
  const newline = text.indexOf('\n', word.end);
  const lineEnd = newline === -1 ? text.length : newline + 1;
  const before = text.slice(lineStart, word.start);
  const after = text.slice(word.end, lineEnd);
  let start = word.start;
  let end = word.end;
  if (before.trim() === '' && /^[ \t]*\\\r?\n$/.test(after)) [start, end] = [lineStart, lineEnd];
  else if (before.trim() === '') end += after.length - after.replace(/^[ \t]+/, '').length;
  else start -= before.length - before.replace(/[ \t]+$/, '').length;
  return {
    title: `Remove ${word.text} from the serving image`,
    changes: [{ uri: file.uri, edits: [{ range: file.lines.range(start, end), newText: '' }] }],
    safe: false,
  };
}

/** Findings of a serving Dockerfile that installs training-only packages. */
export function checkServingImage(file: Dockerfile, workspace: WorkspaceView | undefined): Report[] {
  const evidence = servingEvidence(file);
  if (!evidence) return [];
  const runs = evidence.command ? `${evidence.command.keyword} runs ${evidence.server}` : 'named for serving';
  const serverRelated: RelatedLocation[] = evidence.command
    ? [
        {
          uri: file.uri,
          range: file.lines.range(evidence.command.start, evidence.command.end),
          message: `the image serves with ${evidence.server}`,
        },
      ]
    : [];
  const stages = stagesInFinalImage(file);
  const installs = stages.flatMap((stage) => stage.instructions.flatMap(installCommands));
  const reports: Report[] = [];
  for (const install of installs) {
    for (const word of install.packages) {
      const { key, extras } = packageOf(word, install.tool);
      const use = trainingOnlyUse(key, extras);
      if (!use) continue;
      const fix = removePackageFix(file, install, word);
      reports.push({
        range: file.lines.range(word.start, word.end),
        message: `The serving image (${runs}) installs ${word.text}, which only training needs (${use}).`,
        related: serverRelated,
        ...(fix ? { fixes: [fix] } : {}),
      });
    }
    if (!workspace) continue;
    for (const path of install.requirementFiles) {
      const copied = copiedFile(file.uri, stages, path.text, workspace);
      if (!copied) continue;
      const training = trainingDependencies(copied.uri, copied.text, workspace);
      if (training.length === 0) continue;
      const names = [...new Set(training.map((t) => writtenName(t.dependency)))].join(', ');
      const own = training.filter((t) => t.uri === copied.uri);
      const sameFile = installs.flatMap((other) =>
        other.requirementFiles.filter((word) => word.text === path.text),
      );
      const fix =
        own.length === training.length
          ? splitRequirementsFix(
              {
                dockerfile: file,
                uri: copied.uri,
                text: copied.text,
                training: own.map((t) => t.dependency),
                words: [...sameFile, ...copied.copyWords],
              },
              workspace,
            )
          : undefined;
      reports.push({
        range: file.lines.range(path.start, path.end),
        message: `The serving image (${runs}) installs ${path.text}, which holds training-only packages: ${names}.`,
        related: [...training.map((t) => t.related), ...serverRelated],
        ...(fix ? { fixes: [fix] } : {}),
      });
    }
  }
  return reports;
}
