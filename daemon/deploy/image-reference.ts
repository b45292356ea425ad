/** Serving images go out by digest only: a tag can move under a running deployment. */

export class ImageReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageReferenceError';
  }
}

const DIGEST = /@sha256:[0-9a-f]{64}$/;

/**
 * The image to deploy, pinned by digest. A tag-only `image` is accepted only when `pinned`
 * (from the registry metadata) is the same repository with a digest.
 */
export function pinnedImage(image: string | undefined, pinned: string | undefined): string {
  if (image === undefined || image === '') {
    if (pinned !== undefined && DIGEST.test(pinned)) return pinned;
    throw new ImageReferenceError(
      'no serving image: pass one by digest (repo@sha256:…) or tag the model version with mlops_lens.serving.image',
    );
  }
  if (DIGEST.test(image)) return image;
  const repository = repositoryOf(image);
  if (pinned !== undefined && DIGEST.test(pinned) && repositoryOf(pinned) === repository) return pinned;
  throw new ImageReferenceError(
    `image ${image} has no digest: a tag can change under a running deployment; pass ${repository}@sha256:<digest>` +
      ' or record the digest in the version tag mlops_lens.serving.image',
  );
}

/** `registry/repo:tag`, `registry/repo@sha256:…` → `registry/repo`. */
export function repositoryOf(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}
