/**
 * A/B experiment configuration files (YAML or JSON): which files count, and the experiments
 * they declare. A file counts when its name or its folder says experiment or A/B
 * (`ab.yaml`, `ab_test.yml`, `checkout-experiment.json`, `experiments/ranker.yaml`); an
 * experiment is a map with two or more `arms`, `variants`, `treatments` or `buckets`, or a
 * `traffic_split` / `traffic_allocation` / `allocation` block, at the top of a document, under a
 * top-level `experiment:` key, or as an item of a top-level `experiments:` list.
 */
import { isMap, isPair, isSeq } from 'yaml';
import type { Document, Pair, YAMLMap } from 'yaml';
import type { LineIndex } from '../engine/line-index.ts';
import { asMap, asSeq, deref, pairOf, scalarText } from '../yaml/navigate.ts';

export interface ExperimentConfigFile {
  readonly uri: string;
  readonly format: 'yaml' | 'json';
  readonly lines: LineIndex;
  readonly documents: readonly Document.Parsed[];
}

/** One declared experiment: its map and the pair that splits traffic (`arms:`, `traffic_split:`). */
export interface DeclaredExperiment {
  readonly doc: Document.Parsed;
  readonly map: YAMLMap;
  readonly split: Pair;
}

const NAME_TOKENS = new Set(['ab', 'abtest', 'experiment', 'experiments', 'variants', 'split-test']);
const ARM_KEYS = ['arms', 'variants', 'treatments', 'buckets'];
const SPLIT_KEYS = ['traffic_split', 'traffic_allocation', 'allocation', 'split'];

/** True for YAML/JSON files whose name or parent folder names an experiment or an A/B test. */
export function isExperimentConfigName(uri: string): boolean {
  const parts = uri.split('/');
  const name = parts.at(-1) ?? '';
  if (!/\.(ya?ml|json)$/i.test(name)) return false;
  const stem = name.replace(/\.(ya?ml|json)$/i, '').toLowerCase();
  const folder = (parts.at(-2) ?? '').toLowerCase();
  return (
    stem.split(/[-_.\s]+/).some((t) => NAME_TOKENS.has(t)) || /^(ab|ab[-_]tests?|experiments?)$/.test(folder)
  );
}

function splitPair(map: YAMLMap, doc: Document.Parsed): Pair | undefined {
  for (const key of ARM_KEYS) {
    const pair = pairOf(map, key, doc);
    const value = deref(pair?.value, doc);
    if (pair && (isSeq(value) || isMap(value)) && value.items.length >= 2) return pair;
  }
  for (const key of SPLIT_KEYS) {
    const pair = pairOf(map, key, doc);
    const value = deref(pair?.value, doc);
    if (pair && (isSeq(value) || isMap(value))) return pair;
  }
  return undefined;
}

/** The experiments a document declares, in the places listed at the top of this file. */
export function declaredExperiments(doc: Document.Parsed): DeclaredExperiment[] {
  const root = asMap(doc.contents, doc);
  if (!root) return [];
  const candidates: YAMLMap[] = [root];
  const nested = asMap(pairOf(root, 'experiment', doc)?.value, doc);
  if (nested) candidates.push(nested);
  for (const item of asSeq(pairOf(root, 'experiments', doc)?.value, doc)?.items ?? []) {
    const map = asMap(item, doc);
    if (map) candidates.push(map);
  }
  const out: DeclaredExperiment[] = [];
  for (const map of candidates) {
    const split = splitPair(map, doc);
    if (split) out.push({ doc, map, split });
  }
  return out;
}

/** Every key in `node` and below (bounded), for "does it say anything about sample size". */
export function keysBelow(node: unknown, doc: Document.Parsed, limit = 5_000): string[] {
  const keys: string[] = [];
  const stack: unknown[] = [node];
  // Bounded by nodes visited too: an alias may point back at its own anchor.
  for (let visited = 0; stack.length > 0 && keys.length < limit && visited < limit * 4; visited++) {
    const current = deref(stack.pop(), doc);
    if (isMap(current)) {
      for (const item of current.items) {
        if (!isPair(item)) continue;
        const key = scalarText(item.key);
        if (key !== undefined) keys.push(key);
        stack.push(item.value);
      }
    } else if (isSeq(current)) stack.push(...current.items);
  }
  return keys;
}
