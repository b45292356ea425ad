/**
 * The evidence behind a notification, as Markdown: an alert's details, its history and the model
 * version it is about; a cluster failure's event, exit and last log lines, and the manifest that
 * declared the workload. No `vscode` import.
 */
import type { Alert, AlertHistoryEntry, ClusterFailure } from '../../daemon/api/contract.ts';

function time(epochMs: number | undefined): string {
  return epochMs === undefined
    ? '—'
    : new Date(epochMs)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
}

function fence(lines: readonly string[]): string {
  const longest = Math.max(2, ...lines.map((l) => /`+/.exec(l)?.[0].length ?? 0));
  const marks = '`'.repeat(longest + 1);
  return `${marks}text\n${lines.join('\n')}\n${marks}`;
}

export function alertEvidence(alert: Alert, history: readonly AlertHistoryEntry[]): string {
  const lines = [
    `# Alert: ${alert.rule}${alert.feature ? ` on ${alert.feature}` : ''}`,
    '',
    alert.message,
    '',
    `- Model version: **${alert.model_name} v${alert.model_version}** (lineage node \`${alert.lineage_node}\`)`,
    `- Status: ${alert.status}${alert.silenced_until !== undefined && alert.silenced_until > Date.now() ? `, silenced until ${time(alert.silenced_until)}` : ''}`,
    `- Value: ${alert.value} (threshold ${alert.threshold})`,
    `- First seen: ${time(alert.first_seen)}; last seen: ${time(alert.last_seen)}; opened: ${time(alert.opened_time)}`,
    `- Occurrences: ${alert.occurrences}`,
    ...(alert.report_id !== undefined ? [`- Drift report: \`${alert.report_id}\``] : []),
    '',
    '## History',
    '',
    ...history.map(
      (h) =>
        `- ${time(h.time)} ${h.event}${h.value !== undefined ? ` (value ${h.value})` : ''}${h.detail ? `: ${h.detail}` : ''}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

export function failureEvidence(failure: ClusterFailure): string {
  const { evidence } = failure;
  const where = failure.pod
    ? `${failure.namespace}/${failure.pod}${failure.container ? ` (${failure.container})` : ''}`
    : failure.node;
  const lines = [
    `# ${failure.kind} on ${failure.context}: ${where ?? failure.namespace}`,
    '',
    failure.message,
    '',
    ...(failure.workload
      ? [`- Workload: ${failure.workload.kind} ${failure.workload.namespace}/${failure.workload.name}`]
      : []),
    ...(failure.manifest
      ? [`- Declared in: \`${failure.manifest.path}\` line ${failure.manifest.line}`]
      : []),
    ...(failure.node ? [`- Node: ${failure.node}`] : []),
    ...(evidence.event_reason
      ? [`- Event: ${evidence.event_reason}${evidence.event_message ? `: ${evidence.event_message}` : ''}`]
      : []),
    ...(evidence.exit_code !== undefined ? [`- Exit code: ${evidence.exit_code}`] : []),
    ...(evidence.restart_count !== undefined ? [`- Restarts: ${evidence.restart_count}`] : []),
    `- First seen: ${time(failure.first_seen)}; last seen: ${time(failure.last_seen)}`,
    '',
    `## Last log lines${evidence.log_previous ? ' (the container instance before the restart)' : ''}`,
    '',
    evidence.log_lines && evidence.log_lines.length > 0
      ? fence(evidence.log_lines)
      : `No log lines${evidence.log_error ? `: ${evidence.log_error}` : '.'}`,
  ];
  return `${lines.join('\n')}\n`;
}
