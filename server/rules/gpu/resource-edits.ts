/** Text edits on a container's `resources` that the GPU rules' fixes share. */
import type { Node } from 'yaml';
import type { Fix, TextEdit } from '../../engine/types.ts';
import { insertIntoMap, insertUnderPair, replaceKey, replaceNode } from '../../yaml/edit.ts';
import type { YamlEntry } from '../../yaml/edit.ts';
import { asMap } from '../../yaml/navigate.ts';
import type { Container, ManifestFile } from '../../workloads/model.ts';

/** The text of a node as written (quotes included), to copy a value in its own style. */
export function nodeText(file: ManifestFile, node: unknown): string {
  const range = (node as Node | undefined)?.range;
  return range ? file.lines.text.slice(range[0], range[1]) : '';
}

/**
 * Replaces `resource` by `newResource: newValue` wherever the container lists it (requests and
 * limits), so the two stay equal as Kubernetes requires for extended resources. Without
 * `newValue` the quantities are kept.
 */
export function switchResourceEdits(
  file: ManifestFile,
  container: Container,
  resource: string,
  newResource: string,
  newValue?: string,
): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const side of [container.resources.requests, container.resources.limits]) {
    const quantity = side.get(resource);
    if (!quantity) continue;
    if (newResource !== resource) edits.push(replaceKey(quantity.pair, newResource, file.lines));
    if (newValue !== undefined && nodeText(file, quantity.pair.value) !== newValue)
      edits.push(replaceNode(quantity.pair.value as Node, newValue, file.lines));
  }
  return edits;
}

/** Adds entries to the container's `limits`, creating `limits:` (or `resources:`) as needed. */
export function addToLimits(
  file: ManifestFile,
  container: Container,
  entries: readonly YamlEntry[],
): TextEdit {
  const { limitsPair, pair } = container.resources;
  const doc = container.workload.doc;
  const limits = asMap(limitsPair?.value, doc);
  if (limits) return insertIntoMap(limits, entries, file.lines);
  if (limitsPair) return insertUnderPair(limitsPair, entries, file.lines);
  const withLimits = [{ key: 'limits', value: entries }];
  const resources = asMap(pair?.value, doc);
  if (resources) return insertIntoMap(resources, withLimits, file.lines);
  if (pair) return insertUnderPair(pair, withLimits, file.lines);
  return insertIntoMap(container.map, [{ key: 'resources', value: withLimits }], file.lines);
}

/** Where the last `marker` of an edit's new text lands once the edit is applied. */
export function placeholderAfter(uri: string, edit: TextEdit, marker: string): Fix['placeholder'] {
  const index = edit.newText.lastIndexOf(marker);
  if (index === -1) return undefined;
  const before = edit.newText.slice(0, index).split(/\r?\n/);
  const line = edit.range.start.line + before.length - 1;
  const character = (before.length === 1 ? edit.range.start.character : 0) + (before.at(-1)?.length ?? 0);
  return {
    uri,
    range: { start: { line, character }, end: { line, character: character + marker.length } },
  };
}
