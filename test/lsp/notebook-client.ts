/**
 * The client side of LSP 3.17 notebook sync, as VS Code's language client sends it: a notebook
 * with cell documents (`vscode-notebook-cell:` URIs), cell text edits, cells added and removed,
 * save and close. Keeps the notebook's version and each cell's text, like an editor.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import {
  DidChangeNotebookDocumentNotification,
  DidCloseNotebookDocumentNotification,
  DidOpenNotebookDocumentNotification,
  DidSaveNotebookDocumentNotification,
  NotebookCellKind,
} from 'vscode-languageserver-protocol/node';
import type { LspSession } from './lsp-session.ts';

export interface CellSpec {
  readonly kind: 'code' | 'markdown';
  readonly text: string;
}

interface OpenCell {
  readonly uri: string;
  readonly kind: 'code' | 'markdown';
  text: string;
  version: number;
}

export class NotebookClient {
  readonly uri: string;
  private readonly session: LspSession;
  private readonly cells: OpenCell[] = [];
  private version = 1;
  private nextCell = 0;

  constructor(session: LspSession, notebookUri: string) {
    this.session = session;
    this.uri = notebookUri;
  }

  /** The cell document URI of the cell at `index`. */
  cellUri(index: number): string {
    const cell = this.cells[index];
    if (!cell) throw new Error(`no cell ${index}`);
    return cell.uri;
  }

  cellText(index: number): string {
    return this.cells[index]?.text ?? '';
  }

  cellVersion(index: number): number {
    return this.cells[index]?.version ?? 0;
  }

  async open(specs: readonly CellSpec[]): Promise<void> {
    for (const spec of specs) this.cells.push(this.newCell(spec));
    await this.session.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: {
        uri: this.uri,
        notebookType: 'jupyter-notebook',
        version: this.version,
        cells: this.cells.map((cell) => this.cellOf(cell)),
      },
      cellTextDocuments: this.cells.map((cell) => this.textDocumentOf(cell)),
    });
  }

  /** Edits one cell's text (ranges in that cell). */
  async editCell(
    index: number,
    changes: TextDocumentContentChangeEvent[],
    apply: (text: string) => string,
  ): Promise<void> {
    const cell = this.cells[index];
    if (!cell) throw new Error(`no cell ${index}`);
    cell.text = apply(cell.text);
    cell.version++;
    this.version++;
    await this.session.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: this.uri, version: this.version },
      change: {
        cells: { textContent: [{ document: { uri: cell.uri, version: cell.version }, changes }] },
      },
    });
  }

  /** Replaces a cell's whole text. */
  replaceCell(index: number, text: string): Promise<void> {
    return this.editCell(index, [{ text }], () => text);
  }

  /** Removes `deleteCount` cells at `start` and inserts `specs` there. */
  async splice(start: number, deleteCount: number, specs: readonly CellSpec[] = []): Promise<void> {
    const added = specs.map((spec) => this.newCell(spec));
    const removed = this.cells.splice(start, deleteCount, ...added);
    this.version++;
    await this.session.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: this.uri, version: this.version },
      change: {
        cells: {
          structure: {
            array: { start, deleteCount, cells: added.map((cell) => this.cellOf(cell)) },
            didOpen: added.map((cell) => this.textDocumentOf(cell)),
            didClose: removed.map((cell) => ({ uri: cell.uri })),
          },
        },
      },
    });
  }

  async changeMetadata(metadata: Record<string, unknown>): Promise<void> {
    this.version++;
    await this.session.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: this.uri, version: this.version },
      change: { metadata },
    });
  }

  async save(): Promise<void> {
    await this.session.connection.sendNotification(DidSaveNotebookDocumentNotification.type, {
      notebookDocument: { uri: this.uri },
    });
  }

  async close(): Promise<void> {
    await this.session.connection.sendNotification(DidCloseNotebookDocumentNotification.type, {
      notebookDocument: { uri: this.uri },
      cellTextDocuments: this.cells.map((cell) => ({ uri: cell.uri })),
    });
  }

  private newCell(spec: CellSpec): OpenCell {
    const path = this.uri.replace(/^file:\/\//, '');
    const fragment = Buffer.from(`cell${this.nextCell++}`).toString('base64url');
    return { uri: `vscode-notebook-cell:${path}#${fragment}`, kind: spec.kind, text: spec.text, version: 1 };
  }

  private cellOf(cell: OpenCell): { kind: NotebookCellKind; document: string } {
    return {
      kind: cell.kind === 'code' ? NotebookCellKind.Code : NotebookCellKind.Markup,
      document: cell.uri,
    };
  }

  private textDocumentOf(cell: OpenCell): { uri: string; languageId: string; version: number; text: string } {
    return {
      uri: cell.uri,
      languageId: cell.kind === 'code' ? 'python' : 'markdown',
      version: cell.version,
      text: cell.text,
    };
  }
}
