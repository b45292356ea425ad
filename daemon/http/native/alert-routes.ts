/**
 * The alerts API: GET `/alerts` (filter by status, model and version), GET `/alerts/history`,
 * GET `/alerts/rules`, POST `/alerts/silence` and POST `/alerts/resolve`.
 */
import type { FastifyInstance } from 'fastify';
import {
  NATIVE_API_PREFIX,
  type AlertHistoryResponse,
  type AlertResponse,
  type AlertRulesResponse,
  type AlertsResponse,
  type AlertStatus,
} from '../../api/contract.ts';
import type { AlertCenter } from '../../alerts/alert-center.ts';
import { ALERT_RULES } from '../../alerts/alert-rules.ts';
import { invalidParameter } from '../../store/tracking-error.ts';
import type { TrackingStore } from '../../store/tracking-store.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

const STATUSES: readonly AlertStatus[] = ['pending', 'open', 'resolved'];

export function registerAlertRoutes(app: FastifyInstance, store: TrackingStore, alerts: AlertCenter): void {
  app.get(`${NATIVE_API_PREFIX}/alerts`, (request): AlertsResponse => {
    const fields = new RequestFields(request.query, true);
    const status = fields.optionalString('status');
    if (status !== undefined && !STATUSES.includes(status as AlertStatus))
      throw invalidParameter(`'status' must be one of ${STATUSES.join(', ')}; got '${status}'.`);
    return {
      alerts: store.read(() =>
        store.alerts.list({
          status: status as AlertStatus | undefined,
          modelName: fields.optionalString('model_name'),
          modelVersion: fields.optionalString('model_version'),
        }),
      ),
    };
  });

  app.get(`${NATIVE_API_PREFIX}/alerts/history`, (request): AlertHistoryResponse => {
    const alertId = new RequestFields(request.query, true).id('alert_id');
    return store.read(() => ({ alert: store.alerts.get(alertId), history: store.alerts.history(alertId) }));
  });

  app.get(`${NATIVE_API_PREFIX}/alerts/rules`, (): AlertRulesResponse => ({
    rules: Object.values(ALERT_RULES),
  }));

  app.post(`${NATIVE_API_PREFIX}/alerts/silence`, (request): AlertResponse => {
    const fields = new RequestFields(request.body, false);
    return { alert: alerts.silence(fields.id('alert_id'), fields.int64('until')) };
  });

  app.post(`${NATIVE_API_PREFIX}/alerts/resolve`, (request): AlertResponse => ({
    alert: alerts.resolve(new RequestFields(request.body, false).id('alert_id')),
  }));
}
