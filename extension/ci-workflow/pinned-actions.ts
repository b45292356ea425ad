/**
 * The actions the generated workflow uses, pinned to full commit SHAs: a tag can be moved to
 * other code, a commit cannot. The tag each SHA was released as is written beside it as a
 * comment, so a reader (or Dependabot, which updates such pins) sees the version.
 */
export interface PinnedAction {
  readonly action: string;
  readonly sha: string;
  readonly tag: string;
}

export const PINNED_ACTIONS = {
  checkout: { action: 'actions/checkout', sha: '11bd71901bbe5b1630ceea73d27597364c9af683', tag: 'v4.2.2' },
  setupNode: { action: 'actions/setup-node', sha: '49933ea5288caeca8642d1e84afbd3f7d6820020', tag: 'v4.4.0' },
  setupPython: {
    action: 'actions/setup-python',
    sha: 'a26af69be951a213d495a4c3e4e4022e16d87065',
    tag: 'v5.6.0',
  },
  uploadArtifact: {
    action: 'actions/upload-artifact',
    sha: 'ea165f8d65b6e75b540449e92b4886f43607fa02',
    tag: 'v4.6.2',
  },
  downloadArtifact: {
    action: 'actions/download-artifact',
    sha: 'd3f86a106a0bac45b974a628896c90dbdf5c8093',
    tag: 'v4.3.0',
  },
  uploadSarif: {
    action: 'github/codeql-action/upload-sarif',
    sha: '5d4e8d1aca955e8d8589aabd499c5cae939e33c7',
    tag: 'v4.31.9',
  },
} as const satisfies Record<string, PinnedAction>;

/** `owner/repo@<sha>`, as a step's `uses:`. */
export function usesOf(pin: PinnedAction): string {
  return `${pin.action}@${pin.sha}`;
}
