import type { FileEvent } from 'vscode-languageserver';
import { isConfigFile } from '../config/model.ts';
import type { DiagnosticsPublisher } from './diagnostics-publisher.ts';
import type { NotebookSync } from './notebook-sync.ts';
import type { ServerContext } from './server-context.ts';
import { readSettings, SETTINGS_SECTION, settingsSection } from './settings.ts';
import type { LensSettings } from './settings.ts';

/**
 * Keeps settings and each folder's `.mlops-lens.yaml` current, and re-analyses everything
 * when either changes.
 */
export class ConfigurationSync {
  private readonly context: ServerContext;
  private readonly publisher: DiagnosticsPublisher;
  /** Open notebooks, analysed apart from text documents. */
  private readonly notebooks: Pick<NotebookSync, 'reanalyse'> | undefined;
  /** Settings from `initializationOptions`, the base the client's section is laid over. */
  private readonly initialSettings: LensSettings;
  private filesChanging = false;
  private readonly pendingEvents: FileEvent[] = [];

  constructor(
    context: ServerContext,
    publisher: DiagnosticsPublisher,
    notebooks?: Pick<NotebookSync, 'reanalyse'>,
  ) {
    this.context = context;
    this.publisher = publisher;
    this.notebooks = notebooks;
    this.initialSettings = context.settings;
  }

  /** Whether a changed file is a configuration file, whose change means a reload. */
  isConfigFile(uri: string): boolean {
    return isConfigFile(uri);
  }

  /** Forgets every configuration lookup, so files are read again (unsaved text first), and refreshes. */
  reloadConfigFiles(): Promise<void> {
    this.context.scopes.clear();
    return this.refresh();
  }

  /**
   * Reads the settings again: from `workspace/configuration` when the client answers it (as LSP
   * recommends), else from the `didChangeConfiguration` payload. With `reloadFiles` the
   * configuration files are read again too and everything is refreshed; otherwise only a real
   * change of the settings refreshes.
   */
  async reloadSettings(payload: unknown, reloadFiles: boolean): Promise<void> {
    const { connection, client, logger } = this.context;
    let section = settingsSection(payload);
    if (client.configurationRequests) {
      try {
        section = await connection.workspace.getConfiguration(SETTINGS_SECTION);
      } catch (error) {
        logger.error('Could not read the mlopsLens settings from the client.', error);
      }
    }
    const before = JSON.stringify(this.context.settings);
    this.context.settings = readSettings(section, this.initialSettings);
    if (reloadFiles) await this.reloadConfigFiles();
    else if (JSON.stringify(this.context.settings) !== before) await this.refresh();
  }

  /**
   * Files changed on disk. Each scope forgets their texts (and walks again when files came or
   * went); the analyses that read them through the workspace view become stale and are redone.
   * Events that arrive meanwhile are folded into one more pass.
   */
  async filesChanged(events: readonly FileEvent[]): Promise<void> {
    this.pendingEvents.push(...events);
    if (this.filesChanging) return;
    this.filesChanging = true;
    try {
      while (this.pendingEvents.length > 0) {
        const batch = this.pendingEvents.splice(0);
        const pythonAffected = await this.context.scopes.filesChanged(batch);
        this.context.scan.invalidateDependents(batch);
        this.context.scan.forgetUris(pythonAffected);
        const stale = [
          ...this.context.analyses.invalidateDependents(batch),
          ...this.context.analyses.invalidateUris(pythonAffected),
        ];
        if (stale.length > 0) this.reReport(stale);
        this.notebooks?.reanalyse(pythonAffected);
        this.context.workspaceChanges.notify();
      }
    } finally {
      this.filesChanging = false;
    }
  }

  /** An edit changed other files' Python findings (training-serving pairs): redo them. */
  pythonAffected(uris: readonly string[]): void {
    this.context.scan.forgetUris(uris);
    const stale = this.context.analyses.invalidateUris(uris);
    if (stale.length > 0) this.reReport(stale);
    this.notebooks?.reanalyse(uris);
  }

  /** Open documents whose results changed without an edit: push them again, or ask for a pull. */
  private reReport(uris: readonly string[]): void {
    const { context } = this;
    context.generation++;
    if (!context.client.pullDiagnostics) {
      for (const uri of uris) this.publisher.schedule(uri);
    } else if (context.client.diagnosticRefresh) {
      context.connection.languages.diagnostics
        .refresh()
        .catch((error: unknown) => context.logger.error('Diagnostic refresh failed.', error));
    }
  }

  /** Drops every cached result and re-reports: pushes again, or asks pull clients to pull. */
  async refresh(): Promise<void> {
    const { context } = this;
    context.generation++;
    context.analyses.clear();
    context.scan.invalidate();
    context.workspaceChanges.notify();
    this.notebooks?.reanalyse();
    if (context.client.pullDiagnostics) {
      if (context.client.diagnosticRefresh) {
        context.connection.languages.diagnostics
          .refresh()
          .catch((error: unknown) => context.logger.error('Diagnostic refresh failed.', error));
      }
      return;
    }
    for (const document of context.documents.all()) this.publisher.schedule(document.uri);
    await this.publisher.publishConfigurationProblems();
  }
}
