import type { Document, Pair, Scalar, YAMLMap } from 'yaml';
import { asMap, asScalar, entries, pairOf, scalarText } from '../yaml/navigate.ts';

/** An `image: {repository, tag}` block in a chart's values, as `helm create` lays it out. */
export interface HelmImageBlock {
  /** The dotted path of the map that holds `image:` (`predictor`, `(root)`). */
  readonly path: string;
  readonly imagePair: Pair;
  readonly map: YAMLMap;
  readonly repository: string;
  readonly tagPair: Pair | undefined;
  readonly tag: { readonly value: string; readonly node: Scalar } | undefined;
  /** A non-empty `digest:` beside the tag pins the image whatever the tag says. */
  readonly hasDigest: boolean;
}

/** Every `image:` map with a `repository` string, anywhere in a values document. */
export function readHelmImageBlocks(root: YAMLMap, doc: Document.Parsed): HelmImageBlock[] {
  const out: HelmImageBlock[] = [];
  const walk = (map: YAMLMap, path: readonly string[], depth: number): void => {
    if (depth > 12) return;
    for (const [key, pair] of entries(map)) {
      const child = asMap(pair.value, doc);
      if (!child) continue;
      const repository = scalarText(asScalar(pairOf(child, 'repository', doc)?.value, doc));
      if (key === 'image' && repository !== undefined) {
        const tagPair = pairOf(child, 'tag', doc);
        const tagNode = asScalar(tagPair?.value, doc);
        const tag = scalarText(tagNode);
        const digest = scalarText(asScalar(pairOf(child, 'digest', doc)?.value, doc));
        out.push({
          path: path.length > 0 ? path.join('.') : '(root)',
          imagePair: pair,
          map: child,
          repository,
          tagPair,
          tag: tag !== undefined && tagNode ? { value: tag, node: tagNode } : undefined,
          hasDigest: digest !== undefined && digest !== '',
        });
      } else {
        walk(child, [...path, key], depth + 1);
      }
    }
  };
  walk(root, [], 0);
  return out;
}
