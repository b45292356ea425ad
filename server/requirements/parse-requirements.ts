/**
 * Reads a pip requirements file: requirements with extras, markers and `--hash` options, URL
 * and path requirements, `-e`, `-r`/`-c` includes, global options, comments and `\` line
 * continuations. Lines it cannot read are left out; it never throws.
 */
import { LineIndex } from '../engine/line-index.ts';
import { dependencyAt } from './dependency-file.ts';
import type { Dependency, DependencyFile, RequirementsInclude } from './dependency-file.ts';
import { logicalLines } from './logical-lines.ts';
import type { LogicalLine } from './logical-lines.ts';
import { parseRequirementSpec } from './requirement-spec.ts';

/** Drops a comment: `#` at the start or after whitespace (pip's rule). */
function withoutComment(text: string): string {
  const match = /(^|\s)#/.exec(text);
  return match ? text.slice(0, match.index) : text;
}

const INCLUDE = /^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)/;
const URL_OR_PATH = /^(?:[a-z][a-z0-9+.-]*:\/\/|git\+|hg\+|svn\+|bzr\+|\.{0,2}\/|file:)/i;

function readLine(line: LogicalLine, dependencies: Dependency[], includes: RequirementsInclude[]): void {
  const body = withoutComment(line.text);
  const leading = body.length - body.trimStart().length;
  let text = body.trim();
  if (text === '') return;
  const include = INCLUDE.exec(text);
  if (include?.[1] && include[2]) {
    const pathIndex = leading + include[0].length - include[2].length;
    includes.push({
      kind: include[1].startsWith('-c') || include[1] === '--constraint' ? 'constraints' : 'requirements',
      path: include[2],
      start: line.fileOffset(pathIndex),
      end: line.fileOffset(pathIndex + include[2].length),
    });
    return;
  }
  let at = leading;
  const editable = /^(-e|--editable)(?:\s*=\s*|\s+)/.exec(text);
  if (editable) {
    at += editable[0].length;
    text = text.slice(editable[0].length);
  } else if (text.startsWith('-')) return;
  // Per-requirement options (`--hash=...`, `--config-settings ...`) follow the requirement.
  const option = /\s--?[a-z]/i.exec(text);
  const requirement = option ? text.slice(0, option.index) : text;
  const options = option ? text.slice(option.index) : '';
  const hashes = (options.match(/--hash[=\s]/g) ?? []).length;
  const extra = {
    syntax: 'pep440' as const,
    hashes,
    editable: editable !== null,
    group: undefined,
    lineStart: line.start,
    lineEnd: line.end,
  };
  if (URL_OR_PATH.test(requirement)) {
    const egg = /#egg=([A-Za-z0-9._-]+)/.exec(line.text)?.[1];
    const start = line.fileOffset(at);
    const end = line.fileOffset(at + requirement.trimEnd().length);
    dependencies.push({
      name: egg ?? requirement.trim(),
      key: (egg ?? requirement.trim()).toLowerCase(),
      extras: [],
      specifier: '',
      pinnedVersion: undefined,
      url: requirement.trim(),
      start,
      end,
      nameStart: start,
      nameEnd: end,
      specifierStart: end,
      specifierEnd: end,
      ...extra,
    });
    return;
  }
  const spec = parseRequirementSpec(requirement);
  if (!spec) return;
  const base = dependencyAt(spec, 0, extra);
  // The logical line may span physical lines: map each offset through it.
  dependencies.push({
    ...base,
    start: line.fileOffset(at + spec.nameStart),
    end: line.fileOffset(at + spec.end),
    nameStart: line.fileOffset(at + spec.nameStart),
    nameEnd: line.fileOffset(at + spec.nameEnd),
    specifierStart: line.fileOffset(at + spec.specifierStart),
    specifierEnd: line.fileOffset(at + spec.specifierEnd),
  });
}

export function parseRequirements(uri: string, text: string): DependencyFile {
  const dependencies: Dependency[] = [];
  const includes: RequirementsInclude[] = [];
  for (const line of logicalLines(text)) readLine(line, dependencies, includes);
  return { uri, format: 'requirements', lines: new LineIndex(text), dependencies, includes };
}
