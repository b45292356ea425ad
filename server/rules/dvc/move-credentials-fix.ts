/**
 * The fix of `dvc/remote-credentials-in-repo`: move a remote's credential options from
 * `.dvc/config` to `.dvc/config.local` (into the same remote's section there, or a new one),
 * and make sure `.dvc/.gitignore` ignores `config.local`, as `dvc init` sets it up.
 */
import { LineIndex } from '../../engine/line-index.ts';
import type { FileChange, Fix } from '../../engine/types.ts';
import type { WorkspaceView } from '../../engine/workspace-view.ts';
import type { DvcConfig, DvcOption, DvcSection } from '../../dvc/parse-dvc-config.ts';
import { parseDvcConfig } from '../../dvc/parse-dvc-config.ts';

const START = { line: 0, character: 0 };

function sibling(uri: string, name: string): string {
  return `${uri.slice(0, uri.lastIndexOf('/'))}/${name}`;
}

function appendAtEnd(uri: string, text: string | undefined, block: string): FileChange {
  if (text === undefined)
    return { uri, create: true, edits: [{ range: { start: START, end: START }, newText: block }] };
  const lines = new LineIndex(text);
  const separator = text === '' || text.endsWith('\n') ? '' : lines.eol;
  const end = lines.position(text.length);
  return { uri, edits: [{ range: { start: end, end }, newText: separator + block }] };
}

export function moveCredentialsFix(
  config: DvcConfig,
  remote: DvcSection,
  options: readonly DvcOption[],
  workspace: WorkspaceView,
): Fix {
  const text = config.lines.text;
  const eol = config.lines.eol;
  const moved = options
    .map((option) => text.slice(option.lineStart, option.lineEnd))
    .map((line) => (line.endsWith('\n') ? line : line + eol))
    .join('');
  const localUri = sibling(config.uri, 'config.local');
  const localText = workspace.read(localUri);
  const localSection = localText
    ? parseDvcConfig(localUri, localText).sections.find(
        (s) => s.kind === remote.kind && s.name === remote.name,
      )
    : undefined;
  let local: FileChange;
  if (localText !== undefined && localSection) {
    const lines = new LineIndex(localText);
    const at = lines.position(localSection.end);
    const separator = localText.slice(0, localSection.end).endsWith('\n') ? '' : lines.eol;
    local = { uri: localUri, edits: [{ range: { start: at, end: at }, newText: separator + moved }] };
  } else local = appendAtEnd(localUri, localText, `${remote.header}${eol}${moved}`);
  const changes: FileChange[] = [
    local,
    {
      uri: config.uri,
      edits: options.map((option) => ({
        range: config.lines.range(option.lineStart, option.lineEnd),
        newText: '',
      })),
    },
  ];
  const gitignoreUri = sibling(config.uri, '.gitignore');
  const gitignore = workspace.read(gitignoreUri);
  if (!gitignore?.split(/\r?\n/).some((line) => /^\/?config\.local$/.test(line.trim())))
    changes.push(appendAtEnd(gitignoreUri, gitignore, `/config.local${eol}`));
  return {
    title: `Move the credentials of remote "${remote.name ?? remote.kind}" to .dvc/config.local`,
    changes,
    safe: false,
  };
}
