/**
 * Container log lines kept as failure evidence: the last lines only, each line and the whole
 * capped, with secrets masked as the daemon's own log masks them (known secret values, and the
 * values of credential-named settings), plus bearer tokens and private keys that logs print.
 */
import { CREDENTIAL_NAMES, REDACTION_MASK, maskSecrets } from '../log/logger.ts';

export const MAX_LOG_LINES = 50;
export const MAX_LOG_LINE_CHARS = 400;
export const MAX_LOG_BYTES = 16 * 1024;
/** How many bytes of log the daemon asks the API server for (`limitBytes`). */
export const LOG_FETCH_BYTES = 64 * 1024;

const CREDENTIAL_SETTING = new RegExp(
  `(\\b[\\w.-]*(?:${[...CREDENTIAL_NAMES, 'api[_-]?key', 'access[_-]?key', 'passwd'].join('|')})[\\w.-]*["']?\\s*[:=]\\s*)("[^"]*"|'[^']*'|[^\\s,;&]+)`,
  'gi',
);
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/g;
const URL_PASSWORD = /(\w+:\/\/[^\s:/@]+:)[^\s@/]+@/g;

export function redactLogLine(line: string, secrets: Iterable<string>): string {
  return maskSecrets(line, secrets)
    .replace(BEARER, `$1 ${REDACTION_MASK}`)
    .replace(CREDENTIAL_SETTING, `$1${REDACTION_MASK}`)
    .replace(URL_PASSWORD, `$1${REDACTION_MASK}@`)
    .replace(PRIVATE_KEY, REDACTION_MASK);
}

/** The last lines of a log text, redacted and capped in count, line length and total size. */
export function logEvidence(text: string, secrets: Iterable<string> = []): string[] {
  const secretList = [...secrets];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const kept: string[] = [];
  let bytes = 0;
  for (let i = lines.length - 1; i >= 0 && kept.length < MAX_LOG_LINES; i -= 1) {
    const raw = lines[i] ?? '';
    const clipped = raw.length > MAX_LOG_LINE_CHARS ? `${raw.slice(0, MAX_LOG_LINE_CHARS)}…` : raw;
    const line = redactLogLine(clipped, secretList);
    bytes += Buffer.byteLength(line) + 1;
    if (bytes > MAX_LOG_BYTES) break;
    kept.push(line);
  }
  return kept.reverse();
}
