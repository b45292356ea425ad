/** The Models view: registered models, then their versions with aliases and a provenance badge. */
import { EventEmitter, MarkdownString, ThemeIcon, TreeItem, TreeItemCollapsibleState } from 'vscode';
import type { Event, TreeDataProvider } from 'vscode';
import { MLFLOW_API_PREFIX } from '../../daemon/api/contract.ts';
import type { ModelVersion, RegisteredModel } from '../../daemon/api/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';

export type ModelsNode =
  | { readonly kind: 'model'; readonly model: RegisteredModel }
  | { readonly kind: 'version'; readonly version: ModelVersion }
  | { readonly kind: 'message'; readonly text: string };

/** A version is traceable when it was registered from a run whose commit is known. */
function hasProvenance(version: ModelVersion): boolean {
  return (
    version.run_id !== '' &&
    version.tags.some(
      (t) => t.key === 'mlflow.source.git.commit' || t.key.startsWith('mlops_lens.provenance'),
    )
  );
}

export class ModelsTree implements TreeDataProvider<ModelsNode> {
  private readonly changed = new EventEmitter<ModelsNode | undefined>();
  readonly onDidChangeTreeData: Event<ModelsNode | undefined> = this.changed.event;
  private readonly connection: DaemonConnection;

  constructor(connection: DaemonConnection) {
    this.connection = connection;
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: ModelsNode): Promise<ModelsNode[]> {
    if (this.connection.state.kind !== 'connected')
      return [{ kind: 'message', text: 'No daemon connected.' }];
    if (!node) {
      const { registered_models = [] } = await this.connection.request<{
        registered_models?: RegisteredModel[];
      }>('GET', `${MLFLOW_API_PREFIX}/registered-models/search?max_results=200`);
      return registered_models.length > 0
        ? registered_models.map((model) => ({ kind: 'model', model }))
        : [{ kind: 'message', text: 'No registered models yet.' }];
    }
    if (node.kind !== 'model') return [];
    const filter = encodeURIComponent(`name='${node.model.name.replace(/'/g, "\\'")}'`);
    const { model_versions = [] } = await this.connection.request<{ model_versions?: ModelVersion[] }>(
      'GET',
      `${MLFLOW_API_PREFIX}/model-versions/search?filter=${filter}&max_results=200`,
    );
    return model_versions
      .sort((a, b) => Number(b.version) - Number(a.version))
      .map((version) => ({ kind: 'version', version }));
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
