import type { RemoteConsole } from 'vscode-languageserver';

/** The server's one logger. It writes to the LSP connection's console, never to stdout. */
export interface Logger {
  error(message: string, error?: unknown): void;
  warn(message: string): void;
  info(message: string): void;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

export function connectionLogger(console: RemoteConsole): Logger {
  return {
    error(message, error) {
      console.error(error === undefined ? message : `${message}\n${describeError(error)}`);
    },
    warn(message) {
      console.warn(message);
    },
    info(message) {
      console.info(message);
    },
  };
}
