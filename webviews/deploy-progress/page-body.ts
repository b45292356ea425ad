/** The deployment progress page's static markup (data arrives as messages, never in the HTML). */
export const DEPLOY_PROGRESS_BODY = `<header>
<span id="title"></span>
<vscode-button id="rollback" secondary disabled>Roll Back</vscode-button>
<span id="status" role="status">Loading the deployment…</span>
</header>
<div id="verdict" role="alert" hidden></div>
<h2>Steps</h2>
<ol id="steps"></ol>
<h2>Traffic</h2>
<div id="traffic"></div>
<div id="traffic-note"></div>
<h2>Cost</h2>
<div id="cost"></div>
<h2>Guardrails</h2>
<table id="guardrails"></table>
<h2>Events</h2>
<table id="events"></table>`;
