import type { LineIndex } from '../engine/line-index.ts';
import type { DvcConfig } from './parse-dvc-config.ts';

/**
 * A file that tells about a workspace's DVC setup: its `.dvc/config`, or a README (which DVC
 * rules check at the workspace root only).
 */
export type DvcSetupFile =
  | {
      readonly kind: 'dvc-config';
      readonly uri: string;
      readonly lines: LineIndex;
      readonly config: DvcConfig;
    }
  | { readonly kind: 'readme'; readonly uri: string; readonly lines: LineIndex };
