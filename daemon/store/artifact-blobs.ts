/**
 * Artifact bytes on disk, content-addressed: a file's location is derived only from its
 * SHA-256 (`<root>/sha256/ab/abcdef…`), never from a client-supplied path, so no request can
 * name a file outside the store. Identical uploads share one file.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  readdirSync,
  rmSync,
  type ReadStream,
} from 'node:fs';
import { access, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TrackingError } from './tracking-error.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface StoredBlob {
  sha256: string;
  size: number;
}

export class ArtifactBlobs {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
    mkdirSync(path.join(root, 'tmp'), { recursive: true, mode: 0o700 });
    mkdirSync(path.join(root, 'sha256'), { recursive: true, mode: 0o700 });
  }

  /** Streams `body` to disk, hashing as it goes; refuses more than `maxBytes`. */
  async put(body: Readable, maxBytes: number): Promise<StoredBlob> {
    const tmpPath = path.join(this.#root, 'tmp', randomBytes(12).toString('hex'));
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) {
          callback(
            new TrackingError(
              'INVALID_PARAMETER_VALUE',
              `Artifact is larger than the limit of ${maxBytes} bytes.`,
            ),
          );
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(tmpPath, { mode: 0o600 }));
      const handle = await open(tmpPath, 'r');
      await handle.sync();
      await handle.close();
      const sha256 = hash.digest('hex');
      const finalPath = this.#pathOf(sha256);
      mkdirSync(path.dirname(finalPath), { recursive: true, mode: 0o700 });
      if (await exists(finalPath)) await rm(tmpPath, { force: true });
      else await rename(tmpPath, finalPath);
      await syncDirectory(path.dirname(finalPath));
      return { sha256, size };
    } catch (error) {
      await rm(tmpPath, { force: true });
      throw error;
    }
  }

  /**
   * Removes unfinished uploads and blobs that no artifact path references any more. Run it
   * only while nothing uploads (the daemon does at startup, before it listens).
   */
  sweep(isReferenced: (sha256: string) => boolean): { removed: number } {
    let removed = 0;
    for (const name of readdirSync(path.join(this.#root, 'tmp'))) {
      rmSync(path.join(this.#root, 'tmp', name), { force: true });
      removed += 1;
    }
    const blobRoot = path.join(this.#root, 'sha256');
    for (const prefix of readdirSync(blobRoot)) {
      for (const name of readdirSync(path.join(blobRoot, prefix))) {
        if (SHA256_HEX.test(name) && isReferenced(name)) continue;
        rmSync(path.join(blobRoot, prefix, name), { force: true });
        removed += 1;
      }
    }
    return { removed };
  }

  read(sha256: string): ReadStream {
    return createReadStream(this.#pathOf(sha256));
  }

  #pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256))
      throw new TrackingError('INTERNAL_ERROR', 'Corrupt artifact digest in the index.');
    return path.join(this.#root, 'sha256', sha256.slice(0, 2), sha256);
  }
}

async function exists(filePath: string): Promise<boolean> {
  try {
    await access(filePath);
    return true;
  } catch {
    return false;
  }
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
