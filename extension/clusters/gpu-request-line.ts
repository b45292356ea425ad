/**
 * Where, in a manifest, a workload asks for whole GPUs: the first `nvidia.com/gpu:` key from the
 * line of its `kind:` to the end of its YAML document, where the gpu/whole-device-request quick
 * fix offers a MIG slice instead. No `vscode` import.
 */

export interface GpuRequestPosition {
  /** 0-based line and the key's column range on it. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

const GPU_KEY = /(["']?)nvidia\.com\/gpu\1\s*:/;
const DOCUMENT_SEPARATOR = /^---(\s|$)/;

/** `kindLine` is 1-based, as the daemon's manifest locator gives it. */
export function gpuRequestPosition(text: string, kindLine: number): GpuRequestPosition | undefined {
  const lines = text.split(/\r?\n/);
  for (let index = Math.max(0, kindLine - 1); index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (index >= kindLine && DOCUMENT_SEPARATOR.test(line)) return undefined;
    const match = GPU_KEY.exec(line);
    if (match && !line.trimStart().startsWith('#'))
      return { line: index, start: match.index, end: line.indexOf(':', match.index) };
  }
  return undefined;
}
