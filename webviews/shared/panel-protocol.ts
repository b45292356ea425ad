/**
 * The handshake every webview shares with its panel, DOM-free. The webview sends `initialized`
 * once it listens and receives nothing before it. The host then sends `subject` (what the panel
 * shows: a lineage node, runs, a cluster context, a model version) and the webview keeps it in
 * its saved state, so that VS Code's panel serializer can show the same subject after a reload.
 * Each webview's own messages (its `contract.ts`) come after.
 */

export interface InitializedMessage {
  readonly type: 'initialized';
}

export interface SubjectMessage<Subject> {
  readonly type: 'subject';
  readonly payload: Subject;
}

/** What a webview saves with `setState`: the subject and the user's own choices. */
export interface SavedPanelState {
  readonly subject?: unknown;
  readonly choices?: Readonly<Record<string, unknown>>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isInitializedMessage(value: unknown): value is InitializedMessage {
  return isRecord(value) && value.type === 'initialized';
}

export function isSubjectMessage(value: unknown): value is SubjectMessage<unknown> {
  return isRecord(value) && value.type === 'subject' && 'payload' in value;
}

/** The subject a restored panel's saved state names, if `parseSubject` accepts it. */
export function savedSubject<Subject>(
  state: unknown,
  parseSubject: (value: unknown) => Subject | undefined,
): Subject | undefined {
  return isRecord(state) ? parseSubject(state.subject) : undefined;
}
