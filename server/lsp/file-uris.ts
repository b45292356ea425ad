import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file path of a `file:` URI, or undefined for other schemes (untitled, git, ...). */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function fileUriOf(filePath: string): string {
  return pathToFileURL(filePath).href;
}
