/**
 * The Clusters view: kubeconfig contexts, then the GPU nodes of a watched context, then each GPU
 * resource of a node (whole GPUs, shared GPUs, MIG slices) with its free units, then the pods
 * holding it; a pod whose GPUs the daemon lists as idle says so ("idle GPU 2% for 6 h") and
 * offers to scale its workload down or switch it to a MIG slice. A context whose cache is not live says so ("stale since …") on its row and on the
 * rows under it. Items keep their ids across reloads, and a reload fires a change only for the
 * contexts whose data changed, so selection and expansion survive live updates.
 */
import {
  EventEmitter,
  MarkdownString,
  ThemeColor,
  ThemeIcon,
  TreeItem,
  TreeItemCollapsibleState,
} from 'vscode';
import type { Event, TreeDataProvider } from 'vscode';
import type { GpuResourceAmount, NodeGpuInventory, PodGpuAllocation } from '../../daemon/api/contract.ts';
import type { ClusterSnapshot, ContextSnapshot } from '../clusters/cluster-snapshot.ts';
import { asOfText, freshnessText } from '../clusters/cluster-snapshot.ts';
import { idleGpusOfPod, idleMarker } from '../clusters/idle-gpu-marker.ts';
import { SnapshotChangeTracker } from '../clusters/snapshot-changes.ts';

export type ClustersNode =
  | { readonly kind: 'context'; readonly name: string }
  | { readonly kind: 'node'; readonly context: string; readonly node: string }
  | { readonly kind: 'resource'; readonly context: string; readonly node: string; readonly resource: string }
  | { readonly kind: 'pod'; readonly context: string; readonly node: string; readonly pod: PodGpuAllocation }
  | { readonly kind: 'message'; readonly id: string; readonly text: string; readonly icon?: string };

const GPU_RESOURCE = /^nvidia\.com\/(gpu|gpu\.shared|mig-.+)$/;

/** "GPU", "shared GPU", "MIG 1g.10gb". */
export function resourceLabel(resource: string): string {
  if (resource === 'nvidia.com/gpu') return 'GPU';
  if (resource === 'nvidia.com/gpu.shared') return 'shared GPU';
  return resource.startsWith('nvidia.com/mig-')
    ? `MIG ${resource.slice('nvidia.com/mig-'.length)}`
    : resource;
}

function gpuResources(node: NodeGpuInventory): GpuResourceAmount[] {
  return node.resources.filter((r) => GPU_RESOURCE.test(r.resource) && r.capacity > 0);
}

export class ClustersTree implements TreeDataProvider<ClustersNode> {
  private readonly changed = new EventEmitter<ClustersNode | undefined>();
  readonly onDidChangeTreeData: Event<ClustersNode | undefined> = this.changed.event;
  private snapshot: ClusterSnapshot | undefined;
  private problem: string | undefined = 'Connecting to the daemon…';
  private readonly changes = new SnapshotChangeTracker();
  /**
   * The context elements handed to VS Code, kept: it finds the element of a change event by
   * identity, so a fresh object would not refresh anything.
   */
  private readonly contextNodes = new Map<string, ClustersNode & { kind: 'context' }>();

  /** Shows a message instead of clusters (no daemon, restricted mode). */
  showProblem(text: string): void {
    if (this.problem === text) return;
    this.problem = text;
    this.snapshot = undefined;
    this.changes.reset();
    this.changed.fire(undefined);
  }

  /** Shows a new snapshot; fires for the contexts that changed, or for the whole tree. */
  show(snapshot: ClusterSnapshot): void {
    const { whole, contexts } = this.changes.next(snapshot);
    this.snapshot = snapshot;
    this.problem = undefined;
    if (whole) this.changed.fire(undefined);
    else for (const name of contexts) this.changed.fire(this.contextNode(name));
  }

  private contextNode(name: string): ClustersNode & { kind: 'context' } {
    let node = this.contextNodes.get(name);
    if (!node) {
      node = { kind: 'context', name };
      this.contextNodes.set(name, node);
    }
    return node;
  }

  private context(name: string): ContextSnapshot | undefined {
    return this.snapshot?.contexts.find((c) => c.summary.name === name);
  }

  private nodeOf(context: string, node: string): NodeGpuInventory | undefined {
    return this.context(context)?.nodes.find((n) => n.node === node);
  }

  getChildren(parent?: ClustersNode): ClustersNode[] {
    if (!parent) return this.roots();
    switch (parent.kind) {
      case 'context':
        return this.contextChildren(parent.name);
      case 'node': {
        const node = this.nodeOf(parent.context, parent.node);
        return (node ? gpuResources(node) : []).map((r) => ({
          kind: 'resource',
          context: parent.context,
          node: parent.node,
          resource: r.resource,
        }));
      }
      case 'resource':
        return (this.nodeOf(parent.context, parent.node)?.pods ?? [])
          .filter((p) => p.resource === parent.resource)
          .map((pod) => ({ kind: 'pod', context: parent.context, node: parent.node, pod }));
      default:
        return [];
    }
  }

  private roots(): ClustersNode[] {
    if (this.problem !== undefined) return [{ kind: 'message', id: 'problem', text: this.problem }];
    const snapshot = this.snapshot;
    if (!snapshot) return [];
    if (snapshot.kubeconfigError !== undefined)
      return [{ kind: 'message', id: 'kubeconfig', text: snapshot.kubeconfigError, icon: 'error' }];
    if (snapshot.contexts.length === 0)
      return [
        {
          kind: 'message',
          id: 'empty',
          text: `No contexts in ${snapshot.kubeconfig.join(', ') || 'the kubeconfig'}.`,
        },
      ];
    return snapshot.contexts.map((c) => this.contextNode(c.summary.name));
  }

  private contextChildren(name: string): ClustersNode[] {
    const context = this.context(name);
    if (!context) return [];
    const { summary } = context;
    const messages: ClustersNode[] = [];
    if (context.error !== undefined)
      messages.push({ kind: 'message', id: `${name}/error`, text: context.error, icon: 'error' });
    const asOf = asOfText(summary.freshness);
    if (asOf !== undefined)
      messages.push({
        kind: 'message',
        id: `${name}/as-of`,
        text: `${freshnessText(summary.freshness)}: the nodes below are ${asOf}`,
        icon: 'history',
      });
    if (!summary.enabled)
      messages.push({
        kind: 'message',
        id: `${name}/disabled`,
        text: 'Not watched. Right-click the context to watch it.',
      });
    else if (context.nodes.length === 0 && context.error === undefined)
      messages.push({ kind: 'message', id: `${name}/empty`, text: 'No GPU nodes.' });
    return [
      ...messages,
      ...context.nodes.map((n) => ({ kind: 'node' as const, context: name, node: n.node })),
    ];
  }

  getTreeItem(element: ClustersNode): TreeItem {
    switch (element.kind) {
      case 'message': {
        const item = new TreeItem(element.text);
        item.id = `message:${element.id}`;
        if (element.icon) item.iconPath = new ThemeIcon(element.icon);
        return item;
      }
      case 'context':
        return this.contextItem(element.name);
      case 'node':
        return this.nodeItem(element.context, element.node);
      case 'resource':
        return this.resourceItem(element.context, element.node, element.resource);
      case 'pod':
        return this.podItem(element.context, element.node, element.pod);
    }
  }

  private podItem(contextName: string, nodeName: string, pod: PodGpuAllocation): TreeItem {
    const item = new TreeItem(`${pod.namespace}/${pod.name}`);
    item.id = `pod:${contextName}/${nodeName}/${pod.resource}/${pod.namespace}/${pod.name}`;
    const context = this.context(contextName);
    const marker = idleMarker(
      idleGpusOfPod(context?.idle ?? [], pod.namespace, pod.name),
      context?.idleThresholdPercent ?? 5,
    );
    item.description =
      [pod.amount === 1 ? '' : `×${pod.amount}`, marker?.text ?? ''].filter(Boolean).join(' · ') || undefined;
    item.iconPath = marker
      ? new ThemeIcon('watch', new ThemeColor('list.warningForeground'))
      : new ThemeIcon('symbol-event');
    item.contextValue = marker ? 'clusterPod:idle' : 'clusterPod';
    if (marker)
      item.tooltip = new MarkdownString([`**${pod.namespace}/${pod.name}**`, ...marker.tooltip].join('\n\n'));
    return item;
  }

  private contextItem(name: string): TreeItem {
    const context = this.context(name);
    const summary = context?.summary;
    const item = new TreeItem(
      name,
      summary?.enabled ? TreeItemCollapsibleState.Expanded : TreeItemCollapsibleState.Collapsed,
    );
    item.id = `context:${name}`;
    if (!summary) return item;
    const state = summary.freshness.state;
    item.description = [summary.production ? 'production' : '', freshnessText(summary.freshness)]
      .filter(Boolean)
      .join(' · ');
    item.iconPath =
      state === 'live'
        ? new ThemeIcon('cloud', new ThemeColor('testing.iconPassed'))
        : state === 'stale' || state === 'error'
          ? new ThemeIcon('warning', new ThemeColor('list.warningForeground'))
          : new ThemeIcon('cloud');
    item.contextValue = `clusterContext:${summary.enabled ? 'watched' : 'unwatched'}:${summary.production ? 'production' : 'notProduction'}`;
    item.tooltip = new MarkdownString(
      [
        `**${name}**${summary.current ? ' (current context)' : ''}`,
        `Cluster: \`${summary.cluster}\`${summary.server ? ` at ${summary.server}` : ''}`,
        `State: ${freshnessText(summary.freshness)}`,
        context?.idleUnknown !== undefined ? `Idle GPUs: unknown (${context.idleUnknown})` : '',
        ...summary.freshness.resources
          .filter((r) => r.state !== 'live')
          .map((r) => `- ${r.resource}: ${freshnessText(r)}`),
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
    return item;
  }

  private nodeItem(contextName: string, name: string): TreeItem {
    const node = this.nodeOf(contextName, name);
    const item = new TreeItem(name, TreeItemCollapsibleState.Collapsed);
    item.id = `node:${contextName}/${name}`;
    item.iconPath = new ThemeIcon(node?.ready === false ? 'debug-disconnect' : 'server');
    item.contextValue = 'clusterNode';
    if (!node) return item;
    const context = this.context(contextName);
    const asOf = context ? asOfText(context.summary.freshness) : undefined;
    item.description = [
      node.labels.product,
      node.ready ? '' : 'not ready',
      node.unschedulable ? 'cordoned' : '',
      asOf ?? '',
    ]
      .filter(Boolean)
      .join(' · ');
    const labels = node.labels;
    item.tooltip = new MarkdownString(
      [
        `**${name}**`,
        labels.product ? `Product: ${labels.product}` : '',
        labels.memory_mib !== undefined ? `GPU memory: ${labels.memory_mib} MiB` : '',
        labels.mig_strategy ? `MIG strategy: ${labels.mig_strategy}` : '',
        labels.sharing_strategy ? `Sharing: ${labels.sharing_strategy} ×${labels.replicas ?? 1}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
    return item;
  }

  private resourceItem(contextName: string, nodeName: string, resource: string): TreeItem {
    const amount = this.nodeOf(contextName, nodeName)?.resources.find((r) => r.resource === resource);
    const hasPods = (this.nodeOf(contextName, nodeName)?.pods ?? []).some((p) => p.resource === resource);
    const item = new TreeItem(
      resourceLabel(resource),
      hasPods ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.None,
    );
    item.id = `resource:${contextName}/${nodeName}/${resource}`;
    item.iconPath = new ThemeIcon(resource.includes('/mig-') ? 'layers' : 'circuit-board');
    item.contextValue = 'clusterGpuResource';
    if (amount) {
      item.description = `${amount.free} of ${amount.allocatable} free`;
      item.tooltip = `${resource}: capacity ${amount.capacity}, allocatable ${amount.allocatable}, allocated ${amount.allocated}, free ${amount.free}`;
    }
    return item;
  }
}
