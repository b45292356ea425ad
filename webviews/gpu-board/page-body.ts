/** The GPU board's static markup (data arrives as messages, never in the HTML). */
export const GPU_BOARD_BODY = `<header>
<vscode-single-select id="window" aria-label="Window">
<vscode-option value="15">Last 15 minutes</vscode-option>
<vscode-option value="60">Last hour</vscode-option>
<vscode-option value="360">Last 6 hours</vscode-option>
</vscode-single-select>
<span id="status" role="status">Loading GPU use…</span>
</header>
<div id="unavailable" role="alert" hidden></div>
<div id="legend"><span class="key util">use %</span><span class="key fb">framebuffer used (MiB)</span></div>
<div id="grid"></div>`;
