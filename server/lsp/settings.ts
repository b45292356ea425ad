/**
 * Settings a client passes to the server, in `initializationOptions` at start and in the
 * `mlopsLens` configuration section afterwards (`workspace/configuration` or the payload of
 * `workspace/didChangeConfiguration`). Every field is optional on the wire; missing or
 * mistyped fields take their default.
 */
export interface LensSettings {
  /** Turns diagnostics and code actions on or off. Default: true. */
  readonly enable: boolean;
  /**
   * Whether `workspace/diagnostic` reports files on disk that are not open. Default: true.
   * Turn it off in very large repositories where the client's workspace pull is too costly.
   */
  readonly workspaceDiagnostics: boolean;
  /**
   * The kubeconfig context whose live GPU inventory should sharpen the GPU rules, once the
   * daemon provides cluster context. Default: undefined (use the workspace `cluster` profile).
   */
  readonly clusterContext: string | undefined;
}

/** The configuration section the server asks the client for. */
export const SETTINGS_SECTION = 'mlopsLens';

export const DEFAULT_SETTINGS: LensSettings = {
  enable: true,
  workspaceDiagnostics: true,
  clusterContext: undefined,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads settings from whatever the client sent; unknown or mistyped fields fall back to defaults. */
export function readSettings(value: unknown, base: LensSettings = DEFAULT_SETTINGS): LensSettings {
  if (!isRecord(value)) return base;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : base.enable,
    workspaceDiagnostics:
      typeof value.workspaceDiagnostics === 'boolean'
        ? value.workspaceDiagnostics
        : base.workspaceDiagnostics,
    clusterContext:
      typeof value.clusterContext === 'string' && value.clusterContext !== ''
        ? value.clusterContext
        : value.clusterContext === null || value.clusterContext === ''
          ? undefined
          : base.clusterContext,
  };
}

/** Picks the `mlopsLens` section out of a `didChangeConfiguration` payload, if it carries one. */
export function settingsSection(payload: unknown): unknown {
  return isRecord(payload) ? payload[SETTINGS_SECTION] : undefined;
}
