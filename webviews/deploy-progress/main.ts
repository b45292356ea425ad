/**
 * The deployment progress webview: the strategy's steps with the current one, the traffic split,
 * the cost per 1,000 predictions, each rollback trigger against the reading now, every event of the deployment and the verdict.
 * The host sends the deployment after `initialized`, on each of its progress events and on a
 * slow poll; "Roll Back" asks the host, which confirms with the user first.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { HostChannel } from '../shared/host-channel.ts';
import { parseHostMessage } from './contract.ts';
import type { DeployProgressData, WebviewMessage } from './contract.ts';
import {
  canRollBack,
  guardrailRows,
  servingCostText,
  stepViews,
  trafficText,
  verdict,
} from './progress-view.ts';

interface ButtonElement extends HTMLElement {
  disabled: boolean;
}

const host = new HostChannel<WebviewMessage, Record<string, never>>();
const element = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const status = element('status');
const rollback = element<ButtonElement>('rollback');
let shown: DeployProgressData | undefined;

function head(table: HTMLTableElement, names: readonly string[]): void {
  table.replaceChildren();
  const row = table.createTHead().insertRow();
  for (const name of names) {
    const th = document.createElement('th');
    th.textContent = name;
    row.append(th);
  }
}

function cell(row: HTMLTableRowElement, text: string, className?: string): void {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
}

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

function show(data: DeployProgressData): void {
  shown = data;
  const { deployment, readings } = data;
  element('title').textContent =
    `${deployment.model_name} v${deployment.model_version} → ${deployment.context}/${deployment.namespace} · ` +
    `${deployment.strategy} (${deployment.runtime === 'kserve' ? 'KServe InferenceService' : 'Deployment + Service'})`;
  status.textContent = `${deployment.state.replace('_', ' ')} · as of ${clock(readings.checkedTime)}`;
  document.body.dataset.state = deployment.state;
  const outcome = verdict(deployment);
  const banner = element('verdict');
  banner.hidden = outcome.kind === 'in progress';
  banner.dataset.kind = outcome.kind;
  banner.textContent = outcome.text;
  rollback.disabled = !canRollBack(deployment);

  const steps = element('steps');
  steps.replaceChildren(
    ...stepViews(deployment).map((step) => {
      const li = document.createElement('li');
      li.className = step.state;
      li.textContent = `${step.percent}%`;
      li.title = step.state;
      return li;
    }),
  );
  element('traffic').textContent = trafficText(deployment);
  element('traffic-note').textContent =
    deployment.traffic_note ??
    (deployment.traffic === 'kserve-canary'
      ? "Split by KServe's canaryTrafficPercent."
      : 'Split by Gateway API HTTPRoute weights.');
  element('cost').textContent = servingCostText(data.cost);

  const guardrails = element<HTMLTableElement>('guardrails');
  head(guardrails, ['Trigger', 'Rolls back when', 'Now', 'Status']);
  const body = guardrails.createTBody();
  for (const row of guardrailRows(deployment.triggers, readings, deployment.readings)) {
    const tr = body.insertRow();
    tr.dataset.trigger = row.id;
    cell(tr, row.id);
    cell(tr, row.threshold);
    cell(tr, row.evidence ? `${row.reading} (${row.evidence})` : row.reading);
    cell(tr, row.status, row.status === 'no reading' ? undefined : row.status);
  }

  const events = element<HTMLTableElement>('events');
  head(events, ['Time', 'State', 'Traffic', 'Event']);
  const eventsBody = events.createTBody();
  for (const event of deployment.events) {
    const tr = eventsBody.insertRow();
    cell(tr, clock(event.time));
    cell(tr, event.state.replace('_', ' '));
    cell(tr, `${event.traffic_percent}%`);
    cell(tr, event.message);
  }
}

rollback.addEventListener('click', () => {
  if (shown && !rollback.disabled)
    host.post({ type: 'rollBack', payload: { deploymentId: shown.deployment.id } });
});

host.listen(parseHostMessage, (message) => {
  switch (message.type) {
    case 'progress':
      show(message.payload);
      break;
    case 'error':
      status.textContent = message.payload.message;
      break;
    default: {
      const unreachable: never = message;
      return unreachable;
    }
  }
});
