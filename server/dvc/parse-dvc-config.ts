/**
 * Reads a DVC configuration file (`.dvc/config`, `.dvc/config.local`): INI-like sections such
 * as `[core]` and `['remote "storage"']`, `key = value` options, `#`/`;` comments. Never throws;
 * lines it cannot read are left out.
 */
import { LineIndex } from '../engine/line-index.ts';

export interface DvcOption {
  readonly key: string;
  readonly value: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  /** The whole line, line break included. */
  readonly lineStart: number;
  readonly lineEnd: number;
}

export interface DvcSection {
  /** `core`, `remote`, `cache`... */
  readonly kind: string;
  /** The quoted name of `remote "storage"`; undefined for `[core]`. */
  readonly name: string | undefined;
  /** The header as written, brackets included, e.g. `['remote "storage"']`. */
  readonly header: string;
  readonly headerStart: number;
  readonly headerEnd: number;
  readonly options: readonly DvcOption[];
  /** Offset just after the section's last line that holds an option or its header. */
  readonly end: number;
}

export interface DvcConfig {
  readonly uri: string;
  readonly lines: LineIndex;
  readonly sections: readonly DvcSection[];
}

const HEADER = /^\s*\[\s*'?\s*([A-Za-z]+)(?:\s+"([^"]*)")?\s*'?\s*\]\s*([#;].*)?$/;
const OPTION = /^(\s*)([A-Za-z0-9_.-]+)\s*=\s*(.*?)\s*$/;

export function parseDvcConfig(uri: string, text: string): DvcConfig {
  const sections: Array<DvcSection & { options: DvcOption[]; end: number }> = [];
  let offset = 0;
  while (offset < text.length) {
    const newline = text.indexOf('\n', offset);
    const next = newline === -1 ? text.length : newline + 1;
    const line = text.slice(offset, newline === -1 ? text.length : newline).replace(/\r$/, '');
    const header = HEADER.exec(line);
    const option = OPTION.exec(line);
    if (/^\s*[#;]/.test(line) || line.trim() === '') {
      // comment or blank line
    } else if (header?.[1]) {
      const headerStart = offset + line.indexOf('[');
      const headerEnd = offset + line.indexOf(']', line.indexOf(header[1])) + 1;
      sections.push({
        kind: header[1].toLowerCase(),
        name: header[2],
        header: line.slice(headerStart - offset, headerEnd - offset),
        headerStart,
        headerEnd,
        options: [],
        end: next,
      });
    } else if (option?.[2] !== undefined && sections.length > 0) {
      const section = sections[sections.length - 1]!;
      const keyStart = offset + (option[1]?.length ?? 0);
      section.options.push({
        key: option[2].toLowerCase(),
        value: (option[3] ?? '').replace(/\s+[#;].*$/, ''),
        keyStart,
        keyEnd: keyStart + option[2].length,
        lineStart: offset,
        lineEnd: next,
      });
      section.end = next;
    }
    offset = next;
  }
  return { uri, lines: new LineIndex(text), sections };
}

/** The remotes of a configuration, and the default one (`core.remote`) first when set. */
export function remotesOf(config: DvcConfig): DvcSection[] {
  const remotes = config.sections.filter((section) => section.kind === 'remote' && section.name);
  const defaultName = config.sections
    .find((section) => section.kind === 'core')
    ?.options.find((option) => option.key === 'remote')?.value;
  return [
    ...remotes.filter((remote) => remote.name === defaultName),
    ...remotes.filter((remote) => remote.name !== defaultName),
  ];
}
