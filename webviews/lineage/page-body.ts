/** The lineage webview's static markup (data arrives as messages, never in the HTML). */
export const LINEAGE_BODY = `<header>
<vscode-button id="fit" secondary>Fit</vscode-button>
<span id="status" role="status">Waiting for lineage…</span>
</header>
<svg id="canvas" xmlns="http://www.w3.org/2000/svg" aria-label="Lineage graph">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>
<g id="layer"></g>
</svg>`;
