/**
 * The lineage webview's message protocol. Owned here; the extension host imports it. Types and
 * constants only (no `vscode`, no DOM).
 */

export type LineageNodeKind =
  | 'dataset'
  | 'preprocessing'
  | 'code'
  | 'environment'
  | 'run'
  | 'model_version'
  | 'deployment'
  | 'drift_report'
  | 'alert';

export interface LineageGraphNode {
  readonly id: string;
  readonly type: LineageNodeKind;
  readonly label: string;
  /** Shown on hover: a dataset's URI and digest, a run's params, a version's aliases, … */
  readonly attributes: Readonly<Record<string, unknown>>;
}

export interface LineageGraphEdge {
  readonly type: string;
  readonly from: string;
  readonly to: string;
}

export interface LineageGraph {
  /** The node the graph was asked for; it is highlighted. */
  readonly root: string;
  readonly nodes: readonly LineageGraphNode[];
  readonly edges: readonly LineageGraphEdge[];
  readonly truncated?: boolean;
}

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'graph'; readonly payload: LineageGraph }
  | { readonly type: 'error'; readonly payload: { readonly message: string } };

/** Webview → host, after the shared handshake (webviews/shared/panel-protocol.ts). */
export type WebviewMessage = { readonly type: 'open'; readonly payload: { readonly nodeId: string } };

const KINDS: ReadonlySet<string> = new Set([
  'dataset',
  'preprocessing',
  'code',
  'environment',
  'run',
  'model_version',
  'deployment',
  'drift_report',
  'alert',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNode(value: unknown): value is LineageGraphNode {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.label === 'string' &&
    typeof value.type === 'string' &&
    KINDS.has(value.type) &&
    isRecord(value.attributes)
  );
}

function isEdge(value: unknown): value is LineageGraphEdge {
  return (
    isRecord(value) &&
    typeof value.from === 'string' &&
    typeof value.to === 'string' &&
    typeof value.type === 'string'
  );
}

/** Validates what arrives from the other side; anything malformed is refused, not half-used. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value) || !isRecord(value.payload)) return undefined;
  const payload = value.payload;
  if (value.type === 'error')
    return typeof payload.message === 'string'
      ? { type: 'error', payload: { message: payload.message } }
      : undefined;
  if (value.type !== 'graph') return undefined;
  if (typeof payload.root !== 'string' || !Array.isArray(payload.nodes) || !Array.isArray(payload.edges))
    return undefined;
  if (!payload.nodes.every(isNode) || !payload.edges.every(isEdge)) return undefined;
  return {
    type: 'graph',
    payload: {
      root: payload.root,
      nodes: payload.nodes,
      edges: payload.edges,
      ...(payload.truncated === true ? { truncated: true } : {}),
    },
  };
}

export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'open' && isRecord(value.payload) && typeof value.payload.nodeId === 'string') {
    return { type: 'open', payload: { nodeId: value.payload.nodeId } };
  }
  return undefined;
}
