/**
 * The drift dashboard panel: one model version's drift reports (the newest one's histograms),
 * its data quality and retraining recommendation (model-health-loader.ts) and its alerts, from
 * the daemon. It loads again when the daemon's event stream says a report
 * or an alert of that version changed. One panel, reused, restored after a reload.
 */
import type { Disposable, ExtensionContext } from 'vscode';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type {
  AlertsResponse,
  ChangeEvent,
  DriftReportHistogramsResponse,
  DriftReportsResponse,
} from '../../daemon/api/contract.ts';
import { parseSubject, parseWebviewMessage } from '../../webviews/drift-dashboard/contract.ts';
import type { DriftSubject, HostMessage, WebviewMessage } from '../../webviews/drift-dashboard/contract.ts';
import { dashboardData } from '../../webviews/drift-dashboard/dashboard-data.ts';
import { DRIFT_DASHBOARD_BODY } from '../../webviews/drift-dashboard/page-body.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import { ModelHealthLoader } from './model-health-loader.ts';
import { driftDashboardReloadsOn } from './panel-event-routing.ts';
import { PanelSession } from './panel-session.ts';

export class DriftDashboardPanel {
  readonly #session: PanelSession<DriftSubject, HostMessage, WebviewMessage>;

  constructor(
    context: ExtensionContext,
    connection: DaemonConnection,
    showLineage: (nodeId: string) => Promise<void>,
  ) {
    const get = <T>(path: string, query: Record<string, string>): Promise<T> =>
      connection.request<T>('GET', `${NATIVE_API_PREFIX}/${path}?${new URLSearchParams(query).toString()}`);
    const health = new ModelHealthLoader(<T>(path: string, body: unknown) =>
      connection.request<T>('POST', path, body),
    );
    this.#session = new PanelSession<DriftSubject, HostMessage, WebviewMessage>(context, {
      viewType: 'mlopsLens.driftDashboard',
      page: {
        title: 'Drift',
        script: 'drift-dashboard.js',
        styles: ['uPlot.min.css', 'panel-page.css', 'drift-dashboard.css'],
        body: DRIFT_DASHBOARD_BODY,
      },
      title: ({ model, version }) => `Drift: ${model} v${version}`,
      parseSubject,
      parseWebviewMessage,
      load: async (subject) => {
        const { model, version } = subject;
        const query = { model_name: model, model_version: version };
        const { reports } = await get<DriftReportsResponse>('drift/reports', query);
        // Health first: its quality check may change an alert, which the alerts then show.
        const modelHealth = await health.load(subject, reports);
        const { alerts } = await get<AlertsResponse>('alerts', query);
        const latest = reports[0];
        const histograms = latest
          ? (
              await get<DriftReportHistogramsResponse>('drift/reports/histograms', {
                report_id: latest.report_id,
              })
            ).features
          : [];
        return {
          type: 'drift',
          payload: {
            ...dashboardData(model, version, reports, histograms, alerts, Date.now()),
            health: modelHealth,
          },
        };
      },
      errorMessage: (message) => ({ type: 'error', payload: { message: `No drift data: ${message}` } }),
      reloadOn: driftDashboardReloadsOn,
      onMessage: (message, { model, version }) => {
        switch (message.type) {
          case 'showLineage':
            void showLineage(`model_version:${model}@${version}`);
            break;
          case 'refreshRecommendation':
            health.invalidate();
            void this.#session.reload();
            break;
          default: {
            const unreachable: never = message;
            return unreachable;
          }
        }
      },
    });
  }

  show(subject: DriftSubject): Promise<void> {
    return this.#session.show(subject);
  }

  onChange(event: ChangeEvent): void {
    this.#session.onChange(event);
  }

  registerSerializer(): Disposable {
    return this.#session.registerSerializer();
  }
}
