import type { Range } from '../../engine/types.ts';

/** One side of a link: a file and the call that saves, loads or names the artifact. */
export interface PairEndpoint {
  readonly uri: string;
  readonly range: Range;
}

export type PairLink =
  | {
      readonly kind: 'artifact';
      readonly path: string;
      readonly save: PairEndpoint;
      readonly load: PairEndpoint;
    }
  | {
      readonly kind: 'registered-model';
      readonly name: string;
      readonly save: PairEndpoint;
      readonly load: PairEndpoint;
    }
  | { readonly kind: 'explicit' };

/**
 * A training file and a serving file that must agree on features and preprocessing.
 * `trainingFiles`/`servingFiles` add the workspace modules each side imports (transitively),
 * where helpers such as `preprocess.py` live.
 */
export interface TrainingServingPair {
  readonly key: string;
  readonly training: string;
  readonly serving: string;
  readonly trainingFiles: readonly string[];
  readonly servingFiles: readonly string[];
  readonly links: readonly PairLink[];
}

/** From `.mlops-lens.yaml`: files (workspace-relative paths, globs or URIs) paired explicitly. */
export interface ExplicitPair {
  readonly training: readonly string[];
  readonly serving: readonly string[];
}

export function pairKey(training: string, serving: string): string {
  return `${training}\u0000${serving}`;
}
