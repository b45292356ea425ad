import type { LineIndex } from '../../engine/line-index.ts';
import type { Fix, Range, RelatedLocation } from '../../engine/types.ts';
import { dvcWorkspace, rootConfigUri } from '../../dvc/dvc-workspace.ts';
import type { DvcWorkspace } from '../../dvc/dvc-workspace.ts';
import type { DvcSection } from '../../dvc/parse-dvc-config.ts';
import type { DvcRule } from '../rule.ts';
import { dataSection, remoteUrl } from './data-section.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether a README tells how to get the data: `dvc pull`/`dvc fetch`/`dvc remote`, a remote's
 * URL, or a remote's name as code or in quotes (a bare word such as "storage" is too common to
 * count).
 */
function documents(readme: string, remotes: readonly DvcSection[]): boolean {
  const lower = readme.toLowerCase();
  if (/\bdvc\s+(pull|fetch|remote|checkout)\b/.test(lower)) return true;
  return remotes.some((remote) => {
    const url = remoteUrl(remote);
    if (url && lower.includes(url.toLowerCase())) return true;
    const name = escapeRegExp(remote.name ?? '');
    return name !== '' && new RegExp(`[\`"']${name}[\`"']`, 'i').test(readme);
  });
}

const START = { line: 0, character: 0 };
const EMPTY: Range = { start: START, end: START };

function related(dvc: DvcWorkspace, remote: DvcSection): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  if (dvc.config)
    out.push({
      uri: dvc.config.uri,
      range: dvc.config.lines.range(remote.headerStart, remote.headerEnd),
      message: `the DVC remote "${remote.name ?? ''}"`,
    });
  const tracked = dvc.tracking[0];
  if (tracked) out.push({ uri: tracked, range: EMPTY, message: 'data tracked with DVC' });
  return out;
}

function message(dvc: DvcWorkspace, remote: DvcSection, readmeName: string | undefined): string {
  const tracked = dvc.tracking[0]?.slice(dvc.tracking[0].lastIndexOf('/') + 1) ?? '';
  const more = dvc.tracking.length > 1 ? ` and ${dvc.tracking.length - 1} more` : '';
  const url = remoteUrl(remote);
  const where = `remote "${remote.name ?? ''}"${url ? ` (${url})` : ''}`;
  const gap = readmeName
    ? `${readmeName} does not say how to get it (no dvc pull, no remote)`
    : 'there is no README.md to say how to get it';
  return `The data is tracked with DVC (${tracked}${more}) and stored in ${where}, but ${gap}: a new teammate or a CI job cannot reproduce training.`;
}

/** The README's first non-blank line, where the finding is shown. */
function titleRange(lines: LineIndex): Range {
  let line = 0;
  while (line < lines.lineCount - 1 && lines.lineText(line).trim() === '') line++;
  return { start: { line, character: 0 }, end: { line, character: lines.lineText(line).length } };
}

function appendSectionFix(lines: LineIndex, uri: string, remote: DvcSection): Fix {
  const text = lines.text;
  const eol = lines.eol;
  const separator = text === '' || text.endsWith(`${eol}${eol}`) ? '' : text.endsWith('\n') ? eol : eol + eol;
  const end = lines.position(text.length);
  return {
    title: `Add a "Data" section: remote "${remote.name ?? ''}" and dvc pull`,
    changes: [
      { uri, edits: [{ range: { start: end, end }, newText: separator + dataSection(remote, eol) }] },
    ],
    safe: true,
  };
}

function createReadmeFix(root: string, remote: DvcSection, eol: string): Fix {
  const project = decodeURIComponent(root.slice(root.lastIndexOf('/') + 1)) || 'Project';
  return {
    title: `Create README.md with a "Data" section: remote "${remote.name ?? ''}" and dvc pull`,
    changes: [
      {
        uri: `${root}/README.md`,
        create: true,
        edits: [{ range: EMPTY, newText: `# ${project}${eol}${eol}${dataSection(remote, eol)}` }],
      },
    ],
    safe: true,
  };
}

/**
 * Data that DVC tracks is only reproducible for those who know it must be pulled, from where,
 * and with which credentials. Reported on the README at the workspace root, or on the remote
 * in `.dvc/config` when there is no README.
 */
export const dvcRemoteUndocumented: DvcRule = {
  meta: {
    id: 'dvc/remote-undocumented',
    defaultSeverity: 'information',
    title: 'DVC-tracked data and remote not mentioned in the README',
  },
  target: 'dvc',
  check(file, context) {
    const workspace = context.workspace;
    if (!workspace) return [];
    if (file.kind === 'dvc-config' && file.uri !== rootConfigUri(workspace)) return [];
    const dvc = dvcWorkspace(workspace);
    const remote = dvc.remotes[0];
    if (!remote || dvc.tracking.length === 0) return [];
    if (file.kind === 'readme') {
      if (file.uri !== dvc.readme?.uri || documents(file.lines.text, dvc.remotes)) return [];
      const name = file.uri.slice(file.uri.lastIndexOf('/') + 1);
      return [
        {
          range: titleRange(file.lines),
          message: message(dvc, remote, decodeURIComponent(name)),
          related: related(dvc, remote),
          fixes: [appendSectionFix(file.lines, file.uri, remote)],
        },
      ];
    }
    if (dvc.readme || workspace.read(`${workspace.root}/README.md`) !== undefined) return [];
    return [
      {
        range: file.lines.range(remote.headerStart, remote.headerEnd),
        message: message(dvc, remote, undefined),
        related: related(dvc, remote).slice(1),
        fixes: [createReadmeFix(workspace.root, remote, file.lines.eol)],
      },
    ];
  },
};
