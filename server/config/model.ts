/** The workspace configuration, as `.mlops-lens.yaml` declares it (see config-schema.json). */
import type { Severity } from '../engine/types.ts';

export type RuleSetting = 'off' | Severity;

export interface ClusterProfile {
  readonly gpuProducts?: readonly string[];
  readonly migStrategy?: 'none' | 'single' | 'mixed';
  readonly migProfiles?: readonly string[];
  readonly timeSlicing?: { readonly replicas: number; readonly renameByDefault?: boolean };
}

export interface WorkspaceConfig {
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly ignore?: readonly string[];
  readonly cluster?: ClusterProfile;
  readonly registry?: { readonly metadataGlobs?: readonly string[] };
  readonly python?: {
    readonly pairs?: ReadonlyArray<{
      readonly training: readonly string[];
      readonly serving: readonly string[];
    }>;
  };
}

export const CONFIG_FILE_NAME = '.mlops-lens.yaml';

export function isConfigFile(uri: string): boolean {
  return /(^|\/)\.mlops-lens\.ya?ml$/.test(uri);
}
