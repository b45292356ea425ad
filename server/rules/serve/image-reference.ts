/**
 * Container image references as Docker and Kubernetes read them:
 * `[registry[:port]/]path[:tag][@digest]`. The tag is after the last `:` of the last path
 * segment, so `localhost:5000/ranker` has no tag.
 */
export interface ImageReference {
  /** Everything before the tag and digest: `ghcr.io/acme/ranker`. */
  readonly name: string;
  readonly tag: string | undefined;
  readonly digest: string | undefined;
}

export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const withoutDigest = at === -1 ? image : image.slice(0, at);
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  if (colon === -1) return { name: withoutDigest, tag: undefined, digest };
  return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
}

/** `${VAR}`, `$(VAR)` and `{{ .Values... }}` are filled in later: nothing to judge yet. */
export function isTemplated(image: string): boolean {
  return /\$\{|\$\(|\{\{/.test(image);
}

/**
 * Why an image reference is mutable, or undefined when it is pinned (a digest, or an explicit
 * tag other than `latest`).
 */
export function mutability(image: string): 'no-tag' | 'latest' | undefined {
  if (image.trim() === '' || isTemplated(image)) return undefined;
  const reference = parseImageReference(image.trim());
  if (reference.digest) return undefined;
  if (reference.tag === undefined || reference.tag === '') return 'no-tag';
  return reference.tag === 'latest' ? 'latest' : undefined;
}
