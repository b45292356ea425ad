/** The runs compare webview's static markup (data arrives as messages, never in the HTML). */
export const RUNS_COMPARE_BODY = `<header>
<vscode-single-select id="metric" aria-label="Metric"></vscode-single-select>
<span id="status" role="status">Loading runs…</span>
</header>
<h2>Metrics over steps</h2>
<div id="chart"></div>
<h2>Params</h2>
<vscode-checkbox id="only-differing" label="Only params that differ"></vscode-checkbox>
<table id="params"></table>
<h2>Run details</h2>
<div class="detail-controls">
<vscode-single-select id="run" aria-label="Run"></vscode-single-select>
<vscode-button id="lineage" secondary>Show Lineage</vscode-button>
</div>
<dl id="detail"></dl>`;
