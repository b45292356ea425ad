/**
 * The scorecard webview's message protocol, owned here; the extension host imports it. Types
 * and the runtime validation of what crosses the boundary (no `vscode`, no DOM).
 */
import { isRecord } from '../shared/panel-protocol.ts';

/** What the panel shows: one model version's scorecard. */
export interface ScorecardSubject {
  readonly model: string;
  readonly version: string;
}

export type AnswerStatus = 'answered' | 'partial' | 'missing';
const STATUSES: readonly AnswerStatus[] = ['answered', 'partial', 'missing'];

/** How to close a gap: a command to run (`runnable`: as it is; else after replacing `placeholders`), or code to copy. */
export interface FixView {
  readonly action: string;
  readonly command?: string;
  readonly placeholders: readonly string[];
  readonly snippet?: string;
}

export interface CheckView {
  readonly name: string;
  readonly found: boolean;
  readonly evidence: readonly string[];
  readonly fix?: FixView;
}

export interface AnswerView {
  readonly id: string;
  readonly question: string;
  readonly status: AnswerStatus;
  readonly checks: readonly CheckView[];
}

export interface ScorecardView {
  readonly model: string;
  readonly version: string;
  readonly stage: string;
  readonly aliases: readonly string[];
  readonly score: number;
  readonly answers: readonly AnswerView[];
}

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'scorecard'; readonly payload: ScorecardView }
  | { readonly type: 'error'; readonly payload: { readonly message: string } };

/** Which fix a message means: the question's id and the check's name (the host looks the fix up). */
export interface FixRef {
  readonly answer: string;
  readonly check: string;
}

/**
 * Webview → host, after the shared handshake. `runFix` opens the fix's command in a terminal
 * (and runs it when it has no placeholders); `copyFix` copies its command or snippet.
 */
export type WebviewMessage =
  | { readonly type: 'runFix'; readonly payload: FixRef }
  | { readonly type: 'copyFix'; readonly payload: FixRef }
  | { readonly type: 'showLineage' }
  | { readonly type: 'refresh' };

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

function isFix(value: unknown): value is FixView {
  return (
    isRecord(value) &&
    isString(value.action) &&
    (value.command === undefined || isString(value.command)) &&
    (value.snippet === undefined || isString(value.snippet)) &&
    isStringArray(value.placeholders)
  );
}

function isCheck(value: unknown): value is CheckView {
  return (
    isRecord(value) &&
    isString(value.name) &&
    typeof value.found === 'boolean' &&
    isStringArray(value.evidence) &&
    (value.fix === undefined || isFix(value.fix))
  );
}

function isAnswer(value: unknown): value is AnswerView {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isString(value.question) &&
    STATUSES.includes(value.status as AnswerStatus) &&
    Array.isArray(value.checks) &&
    value.checks.every(isCheck)
  );
}

export function parseSubject(value: unknown): ScorecardSubject | undefined {
  if (!isRecord(value) || !isString(value.model) || !isString(value.version)) return undefined;
  if (value.model === '' || value.version === '') return undefined;
  return { model: value.model, version: value.version };
}

/** Validates what arrives from the host; anything malformed is refused whole. */
export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value) || !isRecord(value.payload)) return undefined;
  const p = value.payload;
  if (value.type === 'error')
    return isString(p.message) ? { type: 'error', payload: { message: p.message } } : undefined;
  if (value.type !== 'scorecard') return undefined;
  if (
    !isString(p.model) ||
    !isString(p.version) ||
    !isString(p.stage) ||
    !isStringArray(p.aliases) ||
    typeof p.score !== 'number' ||
    !(p.score >= 0 && p.score <= 100) ||
    !Array.isArray(p.answers) ||
    !p.answers.every(isAnswer)
  )
    return undefined;
  return {
    type: 'scorecard',
    payload: {
      model: p.model,
      version: p.version,
      stage: p.stage,
      aliases: p.aliases,
      score: p.score,
      answers: p.answers,
    },
  };
}

function fixRef(value: unknown): FixRef | undefined {
  return isRecord(value) && isString(value.answer) && isString(value.check)
    ? { answer: value.answer, check: value.check }
    : undefined;
}

export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'runFix':
    case 'copyFix': {
      const payload = fixRef(value.payload);
      return payload === undefined ? undefined : { type: value.type, payload };
    }
    case 'showLineage':
    case 'refresh':
      return { type: value.type };
    default:
      return undefined;
  }
}
