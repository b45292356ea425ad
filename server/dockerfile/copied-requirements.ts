/**
 * Finds the workspace file behind a `pip install -r <path>` in a Dockerfile: the file a COPY or
 * ADD brings in under that name, resolved against the build context: the Dockerfile's folder
 * (as `docker build .` there does), else the workspace root (`docker build -f docker/Dockerfile .`).
 */
import type { WorkspaceView } from '../engine/workspace-view.ts';
import { resolveBeside } from '../requirements/workspace-lock.ts';
import type { Stage, Word } from './parse-dockerfile.ts';

export interface CopiedFile {
  readonly uri: string;
  readonly text: string;
  /** COPY/ADD words (sources and destinations) that name the file, by its base name. */
  readonly copyWords: readonly Word[];
}

export function baseName(path: string): string {
  return path.replace(/\/+$/, '').slice(path.replace(/\/+$/, '').lastIndexOf('/') + 1);
}

function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${source}$`).test(name);
}

export function copiedFile(
  dockerfileUri: string,
  stages: readonly Stage[],
  path: string,
  workspace: WorkspaceView,
): CopiedFile | undefined {
  const name = baseName(path);
  const copyWords: Word[] = [];
  const candidates: string[] = [];
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      const words = instruction.words.filter((word) => !word.text.startsWith('--'));
      if (instruction.words.some((word) => word.text.startsWith('--from='))) continue;
      const sources = words.slice(0, -1);
      const dest = words[words.length - 1]?.text.replace(/\/*$/, '/') ?? '';
      // A folder copied in whole: `COPY requirements/ /app/requirements/`, `COPY . /app`.
      if (path.startsWith('/') && dest.startsWith('/') && path.startsWith(dest))
        for (const source of sources)
          candidates.push(`${source.text.replace(/\/*$/, '')}/${path.slice(dest.length)}`);
      for (const word of words) if (baseName(word.text) === name) copyWords.push(word);
      for (const source of sources) {
        const sourceName = baseName(source.text);
        if (sourceName === name) candidates.push(source.text);
        else if (sourceName.includes('*') && globMatches(sourceName, name))
          candidates.push(source.text.replace(/[^/]*$/, name));
        else if (source.text === '.' || source.text === './')
          candidates.push(path.startsWith('/') ? name : path);
      }
    }
  }
  if (!path.startsWith('/')) candidates.push(path);
  candidates.push(name);
  const contexts = [dockerfileUri, `${workspace.root}/Dockerfile`];
  for (const context of contexts) {
    for (const candidate of candidates) {
      const uri = resolveBeside(context, candidate);
      const text = workspace.read(uri);
      if (text !== undefined) return { uri, text, copyWords };
    }
  }
  return undefined;
}
