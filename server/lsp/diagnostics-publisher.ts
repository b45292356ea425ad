import type { Diagnostic } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../config/model.ts';
import { noteDiagnostic } from './to-diagnostic.ts';
import type { ServerContext } from './server-context.ts';

/**
 * Pushes diagnostics for clients without pull support, and warms the analysis cache for those
 * with it. There is no fixed debounce: an edit schedules its analysis two event-loop turns
 * ahead, so that changes already queued behind it supersede it, and the analysis runs as soon
 * as the queue is drained.
 */
export class DiagnosticsPublisher {
  private readonly context: ServerContext;
  private readonly pending = new Map<string, NodeJS.Immediate>();
  /** Configuration files that are not open but whose problems were pushed. */
  private readonly pushedConfigUris = new Set<string>();

  constructor(context: ServerContext) {
    this.context = context;
  }

  /** Analyses and publishes the document soon, once its configuration is known. */
  schedule(uri: string): void {
    this.cancel(uri);
    if (this.context.scopes.cached(uri)) {
      this.scheduleAnalysis(uri);
      return;
    }
    this.context.scopes
      .scopeFor(uri)
      .then(() => this.scheduleAnalysis(uri))
      .catch((error: unknown) =>
        this.context.logger.error(`Looking up the configuration of ${uri} failed.`, error),
      );
  }

  private scheduleAnalysis(uri: string): void {
    this.cancel(uri);
    const first = setImmediate(() => {
      this.pending.set(
        uri,
        setImmediate(() => {
          try {
            this.publish(uri);
          } catch (error) {
            this.context.logger.error(`Publishing diagnostics for ${uri} failed.`, error);
          }
        }),
      );
    });
    this.pending.set(uri, first);
  }

  cancel(uri: string): void {
    const pending = this.pending.get(uri);
    if (pending) clearImmediate(pending);
    this.pending.delete(uri);
  }

  /** Analyses the document now (if its version is not analysed yet) and pushes the result. */
  publish(uri: string): void {
    this.pending.delete(uri);
    const { documents, analyses, settings, client, scopes } = this.context;
    const document = documents.get(uri);
    if (!document) return;
    const scope = scopes.cached(uri);
    // The configuration changed since this was scheduled: look it up again first.
    if (!scope) return this.schedule(uri);
    const diagnostics = settings.enable ? analyses.analyze(document, scope).diagnostics : [];
    if (!client.pullDiagnostics) this.send(uri, diagnostics, document.version);
  }

  /** Clears a closed document's diagnostics. */
  clear(uri: string): void {
    this.cancel(uri);
    if (!this.context.client.pullDiagnostics) this.send(uri, [], undefined);
  }

  /**
   * Pushes the problems of the configuration files in use that are not open (an open one is
   * analysed like any document); each workspace folder's own is looked up first. Pull clients
   * get them from `workspace/diagnostic`.
   */
  async publishConfigurationProblems(): Promise<void> {
    const { scopes, documents, settings, client } = this.context;
    if (client.pullDiagnostics) return;
    for (const folder of scopes.folders) await scopes.scopeFor(`${folder}/${CONFIG_FILE_NAME}`);
    const current = new Set<string>();
    for (const { config } of scopes.loadedConfigs()) {
      const uri = config.uri;
      if (uri === undefined || documents.get(uri) || !settings.enable || config.notes.length === 0) continue;
      current.add(uri);
      this.send(uri, config.notes.map(noteDiagnostic), undefined);
    }
    for (const uri of this.pushedConfigUris) {
      if (!current.has(uri) && !documents.get(uri)) this.send(uri, [], undefined);
    }
    this.pushedConfigUris.clear();
    for (const uri of current) this.pushedConfigUris.add(uri);
  }

  private send(uri: string, diagnostics: readonly Diagnostic[], version: number | undefined): void {
    this.context.connection
      .sendDiagnostics({ uri, version, diagnostics: [...diagnostics] })
      .catch((error: unknown) =>
        this.context.logger.error(`Could not publish diagnostics for ${uri}.`, error),
      );
  }
}
