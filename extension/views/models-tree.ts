/** The Models view: registered models, then their versions with aliases and a provenance badge. */
import { EventEmitter, MarkdownString, ThemeIcon, TreeItem, TreeItemCollapsibleState } from 'vscode';
import type { Event, TreeDataProvider } from 'vscode';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import { CachedTreeRefresh } from './cached-tree-refresh.ts';
import { hasProvenance, ModelsTreeCache, type ModelsNode } from './models-tree-cache.ts';

export type { ModelsNode } from './models-tree-cache.ts';

export class ModelsTree implements TreeDataProvider<ModelsNode> {
  private readonly changed = new EventEmitter<ModelsNode | ModelsNode[] | undefined>();
  readonly onDidChangeTreeData: Event<ModelsNode | ModelsNode[] | undefined> = this.changed.event;
  private readonly cache: ModelsTreeCache;
  private readonly refresher: CachedTreeRefresh<ModelsNode>;

  constructor(connection: DaemonConnection) {
    this.cache = new ModelsTreeCache((method, pathAndQuery, body) =>
      connection.request(method, pathAndQuery, body),
    );
    this.refresher = new CachedTreeRefresh<ModelsNode>({
      state: () => connection.state.kind,
      cache: this.cache,
      fire: (nodes) => this.changed.fire(nodes),
      restrictedText: 'Trust the workspace to see models.',
    });
  }

  /** Fetches again and re-renders only what changed (see CachedTreeRefresh). */
  refresh(): Promise<void> {
    return this.refresher.refresh();
  }

  async getChildren(node?: ModelsNode): Promise<ModelsNode[]> {
    if (!node) {
      const message = this.refresher.message();
      return message ? [message] : this.cache.rootNodes();
    }
    return node.kind === 'model' ? this.cache.versionNodes(node) : [];
  }

  getTreeItem(node: ModelsNode): TreeItem {
    switch (node.kind) {
      case 'message':
        return new TreeItem(node.text);
      case 'model': {
        const item = new TreeItem(node.model.name, TreeItemCollapsibleState.Collapsed);
        item.id = `model:${node.model.name}`;
        item.iconPath = new ThemeIcon('package');
        item.description = node.model.aliases.map((a) => `@${a.alias}→v${a.version}`).join(' ');
        item.contextValue = 'model';
        return item;
      }
      case 'version': {
        const { version } = node;
        const item = new TreeItem(`v${version.version}`);
        item.id = `version:${version.name}:${version.version}`;
        const traced = hasProvenance(version);
        item.description = [...version.aliases.map((a) => `@${a}`), traced ? '' : 'no provenance']
          .filter(Boolean)
          .join(' · ');
        item.iconPath = new ThemeIcon(traced ? 'verified' : 'unverified');
        item.contextValue = 'modelVersion';
        item.tooltip = new MarkdownString(
          `**${version.name}** v${version.version}\n\nSource: \`${version.source}\`\n\nRun: \`${version.run_id || 'none'}\`\n\nStage: ${version.current_stage}`,
        );
        return item;
      }
    }
  }
}
