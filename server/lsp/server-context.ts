import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClientFeatures } from './client-features.ts';
import type { ConfigScopes } from './config-scopes.ts';
import type { DocumentAnalyses } from './document-analyses.ts';
import type { Logger } from './logger.ts';
import type { LensSettings } from './settings.ts';
import type { WorkspaceChanges } from './workspace-changes.ts';
import type { WorkspaceScan } from './workspace-scan.ts';

/** The state the LSP handlers share. Handlers stay thin and delegate to these services. */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly scopes: ConfigScopes;
  readonly analyses: DocumentAnalyses;
  readonly scan: WorkspaceScan;
  readonly workspaceChanges: WorkspaceChanges;
  readonly logger: Logger;
  settings: LensSettings;
  client: ClientFeatures;
  /** Bumped on every configuration or settings change; part of every diagnostic result id. */
  generation: number;
}
