import type {
  CodeAction,
  CodeActionParams,
  Connection,
  Diagnostic,
  DocumentDiagnosticParams,
  DocumentDiagnosticReport,
  NotebookDocument,
} from 'vscode-languageserver';
import { NotebookCellKind, NotebookDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../engine/line-index.ts';
import { isSuppressed } from '../engine/suppression.ts';
import type { Finding, Note } from '../engine/types.ts';
import type { NotebookCell } from '../python/notebook/notebook-source.ts';
import { codeActionsFor } from './code-actions.ts';
import type { ConfigScope } from './config-scope.ts';
import type { DocumentAnalysis } from './document-analyses.ts';
import { NO_DEPENDENCIES } from './files-view.ts';
import type { ServerContext } from './server-context.ts';
import { analysisFailedDiagnostic, findingDiagnostic, noteDiagnostic } from './to-diagnostic.ts';

/** The analysis of one notebook at one state of its cells: a `DocumentAnalysis` per code cell. */
interface NotebookAnalysis {
  /** The notebook version and each analysed cell's URI and version. */
  readonly signature: string;
  readonly scope: ConfigScope;
  /** Bumped on every analysis: part of the cells' pull result ids. */
  readonly serial: number;
  readonly cells: ReadonlyMap<string, DocumentAnalysis>;
}

/** Which cells are analysed: code cells whose language is Python. */
const PYTHON = 'python';

/**
 * LSP 3.17 notebook documents: a Jupyter notebook synced cell by cell. Its Python code cells,
 * in order, are analysed as one module (the facts of one cell are seen by the next, as in the
 * `.ipynb` file); the notebook takes the place of its `.ipynb` file in the workspace's Python
 * index while open, so training in a notebook pairs with serving modules. Diagnostics and
 * quick-fixes are per cell document, at cell-relative ranges.
 */
export class NotebookSync {
  readonly notebooks = new NotebookDocuments(TextDocument);
  private readonly context: ServerContext;
  /** Told which other files' findings a notebook change may have changed (Python pairs). */
  private readonly onAffected: (uris: readonly string[]) => void;
  private readonly results = new Map<string, NotebookAnalysis>();
  /** The cells last given to each notebook's Python slot: a re-analysis for another file's sake skips it. */
  private readonly synced = new Map<string, { signature: string; scope: ConfigScope }>();
  /** What each cell was last pushed (its version and diagnostics). */
  private readonly sent = new Map<string, string>();
  private readonly pending = new Map<string, NodeJS.Immediate>();
  private serial = 0;

  constructor(context: ServerContext, onAffected: (uris: readonly string[]) => void) {
    this.context = context;
    this.onAffected = onAffected;
  }

  listen(connection: Connection): void {
    this.notebooks.onDidOpen((notebook) => {
      // Its findings are on the cells now: the workspace report of the `.ipynb` file goes empty.
      this.context.scan.forgetUris([notebook.uri]);
      this.context.workspaceChanges.notify();
      this.schedule(notebook.uri);
    });
    this.notebooks.onDidChange(({ notebookDocument, cells }) => {
      // Removed cells' diagnostics go with them.
      for (const cell of cells?.removed ?? []) this.send(cell.document, [], undefined);
      this.schedule(notebookDocument.uri);
    });
    this.notebooks.onDidClose((notebook) => this.close(notebook));
    this.notebooks.listen(connection);
  }

  /** Whether `uri` is a cell document of an open notebook. */
  isCell(uri: string): boolean {
    return this.notebooks.getNotebookCell(uri) !== undefined;
  }

  /**
   * Other files changed these files' findings (or, with no list, the configuration changed):
   * the open notebooks among them are analysed again.
   */
  reanalyse(uris?: readonly string[]): void {
    const open = [...this.results.keys()].filter((uri) => !uris || uris.includes(uri));
    for (const uri of open) this.results.delete(uri);
    if (open.length === 0) return;
    const { client, connection, logger } = this.context;
    if (!client.pullDiagnostics) for (const uri of open) this.schedule(uri);
    else if (client.diagnosticRefresh)
      connection.languages.diagnostics
        .refresh()
        .catch((error: unknown) => logger.error('Diagnostic refresh failed.', error));
  }

  /** `textDocument/diagnostic` for a cell document. */
  async pull(params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    const cellUri = params.textDocument.uri;
    const notebook = this.notebooks.findNotebookDocumentForCell(cellUri);
    if (!notebook || !this.context.settings.enable) return { kind: 'full', items: [] };
    const scope = await this.context.scopes.scopeFor(notebook.uri);
    const current = this.notebooks.getNotebookDocument(notebook.uri);
    if (!current) return { kind: 'full', items: [] };
    const analysis = this.analyze(current, scope);
    const resultId = `${this.context.generation}:n${analysis.serial}`;
    if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items: [...(analysis.cells.get(cellUri)?.diagnostics ?? [])] };
  }

  /** Quick-fixes for a cell's diagnostics: the fixes of the notebook's current analysis. */
  async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const cellUri = params.textDocument.uri;
    const notebook = this.notebooks.findNotebookDocumentForCell(cellUri);
    if (!notebook || !this.context.settings.enable) return [];
    const scope = await this.context.scopes.scopeFor(notebook.uri);
    const current = this.notebooks.getNotebookDocument(notebook.uri);
    const document = this.notebooks.cellTextDocuments.get(cellUri);
    if (!current || !document) return [];
    const actions = codeActionsFor(params, {
      document,
      analysis: this.analyze(current, scope).cells.get(cellUri),
      analyzer: scope.analysis.analyzer,
      editSupport: this.context.client.edits,
      // "Fix all" runs over one file's text; a cell is not one, so those actions are left out.
      resolveEdits: true,
    });
    return actions.filter((action) => action.data === undefined);
  }

  private schedule(uri: string): void {
    const pending = this.pending.get(uri);
    if (pending) clearImmediate(pending);
    // Two turns ahead, so that changes already queued behind this one supersede it.
    const first = setImmediate(() => {
      this.pending.set(
        uri,
        setImmediate(() => {
          this.pending.delete(uri);
          this.publish(uri).catch((error: unknown) =>
            this.context.logger.error(`Publishing diagnostics for ${uri} failed.`, error),
          );
        }),
      );
    });
    this.pending.set(uri, first);
  }

  private async publish(uri: string): Promise<void> {
    const scope = await this.context.scopes.scopeFor(uri);
    const notebook = this.notebooks.getNotebookDocument(uri);
    if (!notebook) return;
    const analysis = this.analyze(notebook, scope);
    if (this.context.client.pullDiagnostics) return;
    for (const [cellUri, cell] of analysis.cells) {
      this.send(cellUri, this.context.settings.enable ? cell.diagnostics : [], cell.version ?? undefined);
    }
  }

  /** The notebook's analysis for its current cells, computed when the cached one is older. */
  private analyze(notebook: NotebookDocument, scope: ConfigScope): NotebookAnalysis {
    const cells: Array<NotebookCell & { readonly document: TextDocument }> = [];
    notebook.cells.forEach((cell, index) => {
      const document = this.notebooks.getCellTextDocument(cell);
      if (cell.kind !== NotebookCellKind.Code || document?.languageId !== PYTHON) return;
      cells.push({ index, text: document.getText(), cellUri: cell.document, document });
    });
    const signature = `${notebook.version}|${cells.map((c) => `${c.cellUri}@${c.document.version}`).join(',')}`;
    const cached = this.results.get(notebook.uri);
    if (cached?.signature === signature && cached.scope === scope) return cached;
    const byCell = new Map<string, DocumentAnalysis>();
    const { logger } = this.context;
    let findings: readonly Finding[] = [];
    let notes: readonly Note[] = [];
    let failure: Diagnostic | undefined;
    if (scope.python && !scope.ignores(notebook.uri)) {
      try {
        const last = this.synced.get(notebook.uri);
        if (last?.signature !== signature || last.scope !== scope) {
          const affected = scope.python.syncNotebook(notebook.uri, cells);
          this.synced.set(notebook.uri, { signature, scope });
          const others = affected.filter((uri) => uri !== notebook.uri);
          if (others.length > 0) this.onAffected(others);
        }
        ({ findings, notes } = scope.analysis.analyzer.analyze({ uri: notebook.uri, text: '' }));
      } catch (error) {
        logger.error(`Analysis of ${notebook.uri} failed.`, error);
        failure = analysisFailedDiagnostic(error);
      }
    }
    for (const cell of cells) {
      const lines = new LineIndex(cell.text);
      const own = findings.filter(
        (f) => f.uri === cell.cellUri && !isSuppressed(lines, f.range.start.line, f.ruleId),
      );
      const ownNotes = notes.filter((note) => note.uri === cell.cellUri);
      const version = cell.document.version;
      const diagnostics = [
        ...(failure && cell === cells[0] ? [failure] : []),
        ...ownNotes.map(noteDiagnostic),
        ...own.map((finding, index) => findingDiagnostic(finding, version, index)),
      ];
      byCell.set(cell.document.uri, {
        uri: cell.document.uri,
        version,
        findings: own,
        notes: ownNotes,
        failed: failure !== undefined,
        diagnostics,
        dependencies: NO_DEPENDENCIES,
      });
    }
    const analysis = { signature, scope, serial: ++this.serial, cells: byCell };
    this.results.set(notebook.uri, analysis);
    return analysis;
  }

  /** The notebook closed: its cells' diagnostics are cleared and its `.ipynb` file counts again. */
  private close(notebook: NotebookDocument): void {
    const pending = this.pending.get(notebook.uri);
    if (pending) clearImmediate(pending);
    this.pending.delete(notebook.uri);
    this.results.delete(notebook.uri);
    this.synced.delete(notebook.uri);
    for (const cell of notebook.cells) this.send(cell.document, [], undefined);
    const scope = this.context.scopes.cached(notebook.uri);
    try {
      const affected = scope?.python?.releaseNotebook(notebook.uri, scope.files?.read(notebook.uri)) ?? [];
      const others = affected.filter((uri) => uri !== notebook.uri);
      if (others.length > 0) this.onAffected(others);
    } catch (error) {
      this.context.logger.error(`Reading ${notebook.uri} again failed.`, error);
    }
    // Its disk version is what a workspace report shows again.
    this.context.scan.forgetUris([notebook.uri]);
    this.context.workspaceChanges.notify();
  }

  private send(uri: string, diagnostics: readonly Diagnostic[], version: number | undefined): void {
    if (this.context.client.pullDiagnostics) return;
    // A cell whose version and diagnostics are what it was last sent is not sent again.
    const key = `${version ?? ''}|${JSON.stringify(diagnostics)}`;
    if (this.sent.get(uri) === key) return;
    if (version === undefined && diagnostics.length === 0) this.sent.delete(uri);
    else this.sent.set(uri, key);
    this.context.connection
      .sendDiagnostics({ uri, version, diagnostics: [...diagnostics] })
      .catch((error: unknown) =>
        this.context.logger.error(`Could not publish diagnostics for ${uri}.`, error),
      );
  }
}
