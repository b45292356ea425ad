/** Kubernetes objects as the review shows them: YAML without what the API server sets. */
import { stringify } from 'yaml';
import type { RenderedObject } from '../../daemon/api/contract.ts';

/** Fields the API server sets: left out of the review so that the diff shows what the user changes. */
const SERVER_SET_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields'];

function reviewable(object: RenderedObject): RenderedObject {
  const { status: _status, ...rest } = object;
  const metadata = Object.fromEntries(
    Object.entries(object.metadata).filter(([key]) => !SERVER_SET_METADATA.includes(key)),
  ) as RenderedObject['metadata'];
  return { ...rest, metadata };
}

/**
 * Objects as one multi-document YAML text, in a stable order (kind, then name; keys sorted), so
 * that live and rendered objects line up in a diff.
 */
export function manifestsYaml(objects: readonly RenderedObject[]): string {
  return [...objects]
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.metadata.name.localeCompare(b.metadata.name))
    .map((object) => stringify(reviewable(object), { sortMapEntries: true }))
    .join('---\n');
}
