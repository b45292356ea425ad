/** The scorecard's static markup (data arrives as messages, never in the HTML). */
export const SCORECARD_BODY = `<header>
<span id="title"></span>
<span id="score" role="meter" aria-label="Score"></span>
<vscode-button id="refresh" secondary>Refresh</vscode-button>
<vscode-button id="lineage" secondary>Show Lineage</vscode-button>
<span id="status" role="status">Loading the scorecard…</span>
</header>
<div id="answers"></div>`;
