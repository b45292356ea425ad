/**
 * Alerts: the rules, open alerts, their history, silences and resolutions.
 */

/** The alert rules of the product; each raises at most one open alert per model version and feature. */
export type AlertRuleId =
  | 'drift/feature-psi'
  | 'drift/ks-p-value'
  | 'serving/p99-latency'
  | 'serving/error-rate'
  | 'quality/brier-degradation'
  | 'quality/data-check';

export interface AlertRule {
  id: AlertRuleId;
  title: string;
  /** The observed value breaks the rule when it is `above` or `below` the threshold … */
  direction: 'above' | 'below';
  threshold: number;
  unit: string;
  /** … continuously for this long (0: at once). */
  for_ms: number;
}

export type AlertStatus = 'pending' | 'open' | 'resolved';

export interface Alert {
  alert_id: string;
  rule: AlertRuleId;
  model_name: string;
  model_version: string;
  /** The feature for drift rules; absent for model-wide rules. */
  feature?: string;
  status: AlertStatus;
  value: number;
  threshold: number;
  message: string;
  /** When the condition was first seen, last seen, and when the alert opened and resolved. */
  first_seen: number;
  last_seen: number;
  opened_time?: number;
  resolved_time?: number;
  /** Notifications stay quiet until then; the alert itself stays open. */
  silenced_until?: number;
  occurrences: number;
  /** The model version's lineage node (`model_version:<name>@<version>`). */
  lineage_node: string;
  report_id?: string;
}

/** GET `${NATIVE_API_PREFIX}/alerts?status=&model_name=&model_version=`: most recently seen first. */
export interface AlertsResponse {
  alerts: Alert[];
}

export type AlertHistoryEvent = 'pending' | 'opened' | 'repeated' | 'silenced' | 'resolved';

export interface AlertHistoryEntry {
  alert_id: string;
  time: number;
  event: AlertHistoryEvent;
  value?: number;
  detail?: string;
}

/** GET `${NATIVE_API_PREFIX}/alerts/history?alert_id=`: oldest first. */
export interface AlertHistoryResponse {
  alert: Alert;
  history: AlertHistoryEntry[];
}

/** POST `${NATIVE_API_PREFIX}/alerts/silence`: quiet an alert until `until` (epoch ms); answers `{alert}`. */
export interface SilenceAlertRequest {
  alert_id: string;
  until: number;
}

/** POST `${NATIVE_API_PREFIX}/alerts/resolve`: close an alert by hand; answers `{alert}`. */
export interface ResolveAlertRequest {
  alert_id: string;
}

export interface AlertResponse {
  alert: Alert;
}

/** GET `${NATIVE_API_PREFIX}/alerts/rules`: the rules alerts are raised by. */
export interface AlertRulesResponse {
  rules: AlertRule[];
}
