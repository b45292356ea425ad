import type { Report } from '../../engine/types.ts';
import { isInside } from '../extract/training-markers.ts';
import type { PythonFileRule } from './python-rule.ts';

/**
 * Building a pandas DataFrame for one row costs far more than the prediction of a small model;
 * at serving rates it dominates latency and CPU.
 */
export const servePandasPerRequest: PythonFileRule = {
  meta: {
    id: 'serve/pandas-per-request',
    defaultSeverity: 'information',
    title: 'DataFrame built for every single-row request',
  },
  target: 'python-file',
  check(facts) {
    const handlers = new Set(facts.handlers.filter((h) => h.framework !== 'streamlit').map((h) => h.name));
    if (handlers.size === 0) return [];
    const reports: Report[] = [];
    for (const frame of facts.dataFrames) {
      if (!frame.singleRow || !isInside(frame.scope, handlers)) continue;
      reports.push({
        range: frame.call.range,
        message: `${frame.call.calleeText}() builds a one-row DataFrame on every request; pass a NumPy array or the dict's values in feature order instead.`,
      });
    }
    return reports;
  },
};
