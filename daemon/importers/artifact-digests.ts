/**
 * SHA-256 digests of artifact files written under a workspace folder, so lineage can match a
 * preprocessing artifact loaded elsewhere to the file a run wrote, by content.
 *
 * Artifact-like, by choice: files ending in `.joblib`, `.pkl`, `.pickle`, `.pt`, `.pth`,
 * `.onnx`, `.safetensors`, `.h5`, `.keras`, `.npz` or `.cbm`, and every file inside a folder
 * named `model` (MLflow's logged-model layout). A file is hashed again only when its size or
 * mtime changed; a deleted file's digest is forgotten.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { TrackingStore } from '../store/tracking-store.ts';

const ARTIFACT_EXTENSIONS = new Set([
  '.joblib',
  '.pkl',
  '.pickle',
  '.pt',
  '.pth',
  '.onnx',
  '.safetensors',
  '.h5',
  '.keras',
  '.npz',
  '.cbm',
]);

/** Whether `file` (inside `folder`) is an artifact whose digest is recorded. */
export function isArtifactLike(folder: string, file: string): boolean {
  if (ARTIFACT_EXTENSIONS.has(path.extname(file).toLowerCase())) return true;
  const segments = path.relative(folder, path.dirname(file)).split(path.sep);
  return segments.includes('model');
}

function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Records (or forgets, when the file is gone) one file's digest; true when something changed. */
export async function recordArtifactDigest(store: TrackingStore, file: string): Promise<boolean> {
  let info;
  try {
    info = await stat(file);
  } catch {
    info = undefined;
  }
  if (info === undefined || !info.isFile()) {
    const known = store.read(() => store.workspaces.artifactDigest(file));
    if (known !== undefined) store.write(() => store.workspaces.forgetArtifactDigest(file));
    return known !== undefined;
  }
  const mtimeMs = Math.floor(info.mtimeMs);
  const known = store.read(() => store.workspaces.artifactDigest(file));
  if (known !== undefined && known.size === info.size && known.mtimeMs === mtimeMs) return false;
  const sha256 = await sha256Of(file);
  store.write(() => store.workspaces.recordArtifactDigest({ path: file, sha256, size: info.size, mtimeMs }));
  return true;
}
