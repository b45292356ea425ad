/**
 * The language server process. Started by a client with `--stdio` or `--node-ipc`; the
 * transport is chosen from the command line. Nothing here writes to stdout: with `--stdio` it
 * carries the protocol.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeFileSystem } from './file-system.ts';
import { startLanguageServer } from './language-server.ts';

const connection = createConnection(ProposedFeatures.all);

// One bad file or handler must not take the editor's diagnostics down with it.
process.on('uncaughtException', (error) =>
  connection.console.error(`Unexpected error: ${error.stack ?? error.message}`),
);
process.on('unhandledRejection', (reason) =>
  connection.console.error(`Unhandled rejection: ${String(reason)}`),
);

startLanguageServer(connection, { fileSystem: nodeFileSystem });
