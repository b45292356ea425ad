/**
 * The daemon's one logger: structured JSON lines appended to a file. Secrets never reach the
 * file: fields whose names look like credentials are dropped, and every registered secret
 * value is masked wherever it appears in a string.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Masks this value everywhere it would appear in later log lines. */
  addSecret(secret: string): void;
  close(): void;
}

/** Names whose values are credentials; also used to redact `name=value` in pod logs. */
export const CREDENTIAL_NAMES = ['authorization', 'token', 'password', 'secret', 'cookie'] as const;
const CREDENTIAL_FIELD = new RegExp(`^(${CREDENTIAL_NAMES.join('|')})$`, 'i');
export const REDACTION_MASK = '[redacted]';
const MASK = REDACTION_MASK;

/** `text` with every occurrence of each secret replaced by the mask. */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
  let masked = text;
  for (const secret of secrets) if (secret.length > 0) masked = masked.split(secret).join(MASK);
  return masked;
}

export function createFileLogger(filePath: string, clock: () => Date = () => new Date()): Logger {
  const fd = openSync(filePath, 'a', 0o600);
  let open = true;
  const write = (line: string): void => {
    if (open) writeSync(fd, line);
  };
  return createLogger(write, clock, () => {
    if (open) closeSync(fd);
    open = false;
  });
}

/** A logger over any line sink; tests pass an array push. */
export function createLogger(
  writeLine: (line: string) => void,
  clock: () => Date = () => new Date(),
  onClose: () => void = () => undefined,
): Logger {
  const secrets: string[] = [];
  const mask = (text: string): string => maskSecrets(text, secrets);
  const log = (level: LogLevel, message: string, fields: LogFields = {}): void => {
    const record: LogFields = { time: clock().toISOString(), level, msg: message };
    for (const [key, value] of Object.entries(fields)) {
      record[key] = CREDENTIAL_FIELD.test(key) ? MASK : value;
    }
    writeLine(`${mask(JSON.stringify(record, errorReplacer))}\n`);
  };
  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
    addSecret: (secret) => {
      if (secret.length > 0) secrets.push(secret);
    },
    close: onClose,
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/** For code paths (tests, library use) that need a logger but keep no log. */
export const silentLogger: Logger = createLogger(() => undefined);
