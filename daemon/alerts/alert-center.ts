/**
 * Raises, repeats, silences and resolves alerts through one path, so every kind of alert gets
 * the same deduplication (one active alert per rule, model version and feature), duration
 * ("for 5 minutes": pending until the condition has held that long), history, and change
 * events. Other parts of the daemon (serving metrics from Prometheus, evaluation runs) call
 * `observe` with each value they see.
 */
import type { Alert, AlertRuleId } from '../api/contract.ts';
import type { ChangeFeed } from '../http/events/change-feed.ts';
import type { TrackingStore } from '../store/tracking-store.ts';
import { ALERT_RULES, breaks } from './alert-rules.ts';

export interface AlertObservation {
  rule: AlertRuleId;
  modelName: string;
  modelVersion: string;
  /** The feature a drift rule is about; left out for model-wide rules. */
  feature?: string;
  value: number;
  /** When the value was observed (epoch ms; default now). */
  time?: number;
  /** The drift report that observed it. */
  reportId?: string;
}

export class AlertCenter {
  readonly #store: TrackingStore;
  readonly #feed: ChangeFeed;
  readonly #now: () => number;

  constructor(store: TrackingStore, feed: ChangeFeed, now: () => number = Date.now) {
    this.#store = store;
    this.#feed = feed;
    this.#now = now;
  }

  /**
   * Judges one observed value against its rule. Returns the alert when it changed (pending,
   * opened, repeated or resolved), undefined when nothing did.
   */
  observe(observation: AlertObservation): Alert | undefined {
    const alert = this.#store.write(() => this.observeInTransaction(observation));
    if (alert !== undefined) this.publish(alert);
    return alert;
  }

  /** The same as `observe` inside the caller's transaction; the caller publishes the result. */
  observeInTransaction(observation: AlertObservation): Alert | undefined {
    const rule = ALERT_RULES[observation.rule];
    const time = observation.time ?? this.#now();
    const key = {
      rule: rule.id,
      modelName: observation.modelName,
      modelVersion: observation.modelVersion,
      feature: observation.feature ?? '',
    };
    const records = this.#store.alerts;
    const active = records.active(key);
    const value = observation.value;
    if (!breaks(rule, value)) {
      if (active === undefined) return undefined;
      records.resolve(active.alert_id, time);
      records.addHistory(active.alert_id, {
        time,
        event: 'resolved',
        value,
        detail: 'the condition cleared',
      });
      return records.get(active.alert_id);
    }
    const message = describe(observation, rule.title);
    if (active === undefined) {
      const status = rule.for_ms === 0 ? 'open' : 'pending';
      const alertId = records.insert({
        ...key,
        status,
        value,
        threshold: rule.threshold,
        message,
        time,
        reportId: observation.reportId,
      });
      records.addHistory(alertId, { time, event: status === 'open' ? 'opened' : 'pending', value });
      return records.get(alertId);
    }
    const opens = active.status === 'pending' && time - active.first_seen >= rule.for_ms;
    records.seenAgain(active.alert_id, { value, message, time, open: opens, reportId: observation.reportId });
    if (active.status === 'pending' && !opens) return undefined;
    records.addHistory(active.alert_id, { time, event: opens ? 'opened' : 'repeated', value });
    return records.get(active.alert_id);
  }

  silence(alertId: string, until: number): Alert {
    const alert = this.#store.write(() => {
      const records = this.#store.alerts;
      records.get(alertId);
      records.silence(alertId, until);
      records.addHistory(alertId, {
        time: this.#now(),
        event: 'silenced',
        detail: `until ${new Date(until).toISOString()}`,
      });
      return records.get(alertId);
    });
    this.publish(alert);
    return alert;
  }

  resolve(alertId: string): Alert {
    const alert = this.#store.write(() => {
      const records = this.#store.alerts;
      const current = records.get(alertId);
      if (current.status === 'resolved') return current;
      const time = this.#now();
      records.resolve(alertId, time);
      records.addHistory(alertId, { time, event: 'resolved', detail: 'resolved by hand' });
      return records.get(alertId);
    });
    this.publish(alert);
    return alert;
  }

  publish(alert: Alert): void {
    const change: Parameters<ChangeFeed['publish']>[0] = {
      type: 'alert_changed',
      alert_id: alert.alert_id,
      rule: alert.rule,
      name: alert.model_name,
      version: alert.model_version,
      status: alert.status,
      silenced: (alert.silenced_until ?? 0) > this.#now(),
    };
    if (alert.feature !== undefined) change.feature = alert.feature;
    this.#feed.publish(change);
  }
}

function describe(observation: AlertObservation, title: string): string {
  const subject = observation.feature === undefined ? '' : ` of '${observation.feature}'`;
  const value = Number.isInteger(observation.value)
    ? String(observation.value)
    : observation.value.toPrecision(3);
  return `${title}${subject}: ${value} for ${observation.modelName}@${observation.modelVersion}.`;
}
