/** The drift dashboard's static markup (data arrives as messages, never in the HTML). */
export const DRIFT_DASHBOARD_BODY = `<header>
<span id="title"></span>
<vscode-button id="lineage" secondary>Show Lineage</vscode-button>
<span id="status" role="status">Loading drift…</span>
</header>
<section id="share" aria-label="Dataset drift"><div id="share-text"></div><div id="share-bar"><div id="share-fill"></div><div id="share-mark"></div></div></section>
<h2>Data quality</h2>
<div id="quality-summary" role="status"></div>
<table id="quality"></table>
<h2>Recommendation</h2>
<section id="recommendation" aria-label="Retraining recommendation">
<div id="recommendation-head"><span id="recommendation-action"></span><vscode-button id="refresh-recommendation" secondary>Refresh recommendation</vscode-button></div>
<p id="recommendation-reasoning"></p>
<div id="recommendation-summary"></div>
<h4>Attribution evidence</h4>
<ul id="recommendation-evidence"></ul>
</section>
<h2>Alerts</h2>
<table id="alerts"></table>
<h2>Features</h2>
<div id="split">
<table id="features"></table>
<aside id="detail">
<h3 id="detail-title"></h3>
<div id="detail-comparison"></div>
<h4>Reference and current</h4>
<div id="histogram"></div>
<h4>Statistic per window</h4>
<div id="timeline"></div>
</aside>
</div>`;
