/** The window of samples a report request names: by time (`from`, `to`) or by count (`last`). */
import { invalidParameter } from '../../store/tracking-error.ts';
import type { RequestFields } from '../mlflow/request-fields.ts';

export interface WindowFields {
  from?: number;
  to?: number;
  last?: number;
}

export function windowFields(fields: RequestFields): WindowFields {
  const from = fields.optionalInt64('from');
  const to = fields.optionalInt64('to');
  const last = fields.optionalInt64('last');
  if (last !== undefined && (from !== undefined || to !== undefined))
    throw invalidParameter("Give a window by time ('from', 'to') or by count ('last'), not both.");
  if (last !== undefined && last < 1) throw invalidParameter("'last' must be at least 1.");
  if (from !== undefined && to !== undefined && to <= from)
    throw invalidParameter("'to' must be after 'from'.");
  const window: WindowFields = {};
  if (from !== undefined) window.from = from;
  if (to !== undefined) window.to = to;
  if (last !== undefined) window.last = last;
  return window;
}
