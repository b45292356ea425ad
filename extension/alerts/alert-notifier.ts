/**
 * Alerts in the editor: a status bar item with the count of open alerts (hidden when there are
 * none), and one notification per alert when it opens, or per cluster failure when it is first
 * seen, with "Show evidence". What was notified is remembered across windows and restarts, so
 * a deduplicated alert that repeats is never announced twice.
 */
import { StatusBarAlignment, ThemeColor, window, workspace } from 'vscode';
import type { Disposable, Memento } from 'vscode';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type {
  Alert,
  AlertHistoryResponse,
  AlertsResponse,
  ChangeEventData,
  ClusterFailure,
  ClusterFailuresResponse,
} from '../../daemon/api/contract.ts';
import type { DaemonRequest } from '../clusters/cluster-snapshot.ts';
import { CLUSTERS_ROUTE, contextQuery } from '../clusters/cluster-snapshot.ts';
import { SerialRefresh } from '../daemon/serial-refresh.ts';
import { alertEvidence, failureEvidence } from './evidence-document.ts';

const NOTIFIED_KEY = 'mlopsLens.notified';
/** Ids remembered; the oldest are forgotten past this. */
const REMEMBERED = 1000;
export const SHOW_ALERTS_COMMAND = 'mlopsLens.showAlerts';

async function openMarkdown(content: string): Promise<void> {
  const document = await workspace.openTextDocument({ language: 'markdown', content });
  await window.showTextDocument(document, { preview: true });
}

export class AlertNotifier implements Disposable {
  private readonly item = window.createStatusBarItem('mlopsLens.alerts', StatusBarAlignment.Left, 9);
  private readonly request: DaemonRequest;
  private readonly memory: Memento;
  private open: Alert[] = [];
  private readonly reads = new SerialRefresh(() => this.readOpenAlerts());

  constructor(request: DaemonRequest, memory: Memento) {
    this.request = request;
    this.memory = memory;
    this.item.name = 'MLOps Lens alerts';
    this.item.command = SHOW_ALERTS_COMMAND;
  }

  /** The alerts now open (for the status bar's quick pick). */
  get active(): readonly Alert[] {
    return this.open;
  }

  /** Hides the count (no daemon, restricted mode): an unknown count is not shown as zero. */
  clear(): void {
    this.open = [];
    this.item.hide();
  }

  /** Reads the open alerts again; one read at a time, with one more if asked meanwhile. */
  refresh(): Promise<void> {
    return this.reads.request();
  }

  private async readOpenAlerts(): Promise<void> {
    const { alerts } = await this.request<AlertsResponse>('GET', `${NATIVE_API_PREFIX}/alerts?status=open`);
    this.open = alerts;
    this.showCount();
    for (const alert of alerts) {
      const silenced = alert.silenced_until !== undefined && alert.silenced_until > Date.now();
      if (!silenced && this.firstTime(`alert:${alert.alert_id}`)) void this.announceAlert(alert);
    }
  }

  /** A change from the daemon's event stream. */
  onChange(event: ChangeEventData | { type: 'resync' }): void {
    if (event.type === 'alert_changed' || event.type === 'resync') void this.refresh().catch(() => undefined);
    if (event.type === 'cluster_failure' && this.firstTime(`failure:${event.id}`))
      void this.announceFailure(event.context, event.id).catch(() => undefined);
  }

  async showEvidence(alert: Alert): Promise<void> {
    const { history } = await this.request<AlertHistoryResponse>(
      'GET',
      `${NATIVE_API_PREFIX}/alerts/history?alert_id=${encodeURIComponent(alert.alert_id)}`,
    );
    await openMarkdown(alertEvidence(alert, history));
  }

  dispose(): void {
    this.item.dispose();
  }

  private showCount(): void {
    const count = this.open.length;
    if (count === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `$(bell) ${count} ${count === 1 ? 'alert' : 'alerts'}`;
    this.item.tooltip = this.open.map((a) => `${a.model_name} v${a.model_version}: ${a.message}`).join('\n');
    this.item.backgroundColor = new ThemeColor('statusBarItem.warningBackground');
    this.item.show();
  }

  /** True the first time `key` is seen, ever; remembers it. */
  private firstTime(key: string): boolean {
    const seen = this.memory.get<string[]>(NOTIFIED_KEY, []);
    if (seen.includes(key)) return false;
    void this.memory.update(NOTIFIED_KEY, [...seen, key].slice(-REMEMBERED));
    return true;
  }

  private async announceAlert(alert: Alert): Promise<void> {
    const choice = await window.showWarningMessage(
      `MLOps Lens alert: ${alert.model_name} v${alert.model_version}: ${alert.message}`,
      'Show evidence',
    );
    if (choice === 'Show evidence') await this.showEvidence(alert);
  }

  private async failure(context: string, id: string): Promise<ClusterFailure | undefined> {
    const { failures } = await this.request<ClusterFailuresResponse>(
      'GET',
      `${CLUSTERS_ROUTE}/failures?${contextQuery(context)}&limit=100`,
    );
    return failures.find((f) => f.id === id);
  }

  private async announceFailure(context: string, id: string): Promise<void> {
    const failure = await this.failure(context, id);
    if (!failure) return;
    const where = failure.pod ? `${failure.namespace}/${failure.pod}` : (failure.node ?? failure.namespace);
    const choice = await window.showErrorMessage(
      `MLOps Lens: ${where}: ${failure.message} (${context})`,
      'Show evidence',
    );
    if (choice !== 'Show evidence') return;
    // Read again: the log lines may have arrived after the notification.
    await openMarkdown(failureEvidence((await this.failure(context, id)) ?? failure));
  }
}
