import type { Report } from '../../engine/types.ts';
import type { PythonFileFacts } from '../facts/file-facts.ts';
import type { JoinFact, OnlineFeatureReadFact } from '../facts/point-in-time.ts';
import { historicalFeaturesFix } from './historical-features-rewrite.ts';
import { mergeAsofFix } from './merge-asof-rewrite.ts';
import type { PythonFileRule } from './python-rule.ts';

/**
 * Training joins time-stamped features onto time-stamped labelled events by entity key alone,
 * so each example can see feature values from after its own event: the model trains on the
 * future and serves without it. Also: training reads a feature store's online (latest) values.
 */
export const skewPointInTimeJoin: PythonFileRule = {
  meta: {
    id: 'skew/point-in-time-join',
    defaultSeverity: 'warning',
    title: 'Features joined without point-in-time correctness',
  },
  target: 'python-file',
  check(facts) {
    if (facts.role === 'serving' || isBatchScoring(facts)) return [];
    const reports: Report[] = [];
    for (const join of facts.pointInTime.joins) {
      if (!leaksFuture(join)) continue;
      const fix = mergeAsofFix(facts.uri, join, facts.importInsertPosition);
      const keys = (join.leftKeys ?? []).join(', ');
      const [leftTime, rightTime] = [join.left.timestamps[0] ?? '', join.right.timestamps[0] ?? ''];
      const times = leftTime === rightTime ? leftTime : `${leftTime} and ${rightTime}`;
      reports.push({
        range: join.call.range,
        message:
          `${join.left.text} and ${join.right.text} both carry timestamps (${times}) but are joined on ${keys} alone: ` +
          `each row gets feature values from after its own time. Join as of its time with pd.merge_asof(..., direction="backward")` +
          (fix
            ? '.'
            : '; no automatic fix: the right key is an index of unknown columns, rewrite the join by hand.'),
        fixes: fix ? [fix] : [],
      });
    }
    for (const read of facts.pointInTime.onlineReads) {
      if (read.inHandler) continue;
      reports.push(onlineReadReport(facts, read));
    }
    return reports;
  },
};

/** A script that loads a model and fits nothing scores with today's features, as serving does. */
function isBatchScoring(facts: PythonFileFacts): boolean {
  return facts.role === 'neither' && facts.artifacts.some((artifact) => artifact.direction === 'load');
}

function leaksFuture(join: JoinFact): boolean {
  if (join.inHandler || join.how === 'cross') return false;
  if (join.left.timestamps.length === 0 || join.right.timestamps.length === 0 || join.right.dimension)
    return false;
  if (!join.leftKeys || join.leftKeys.length === 0) return false;
  // A key that includes a timestamp is an exact-time join, not a leak of later values.
  const keys = [...join.leftKeys, ...(join.rightKeys ?? [])];
  return !keys.some((key) => join.left.timestamps.includes(key) || join.right.timestamps.includes(key));
}

function onlineReadReport(facts: PythonFileFacts, read: OnlineFeatureReadFact): Report {
  const fix = historicalFeaturesFix(facts.uri, read);
  if (read.kind === 'online-table')
    return {
      range: read.call.range,
      message:
        'Training reads the online feature table, which holds only the latest values: every example gets features from after its own time. ' +
        "Retrieve them point-in-time through the feature store's historical API (Feast get_historical_features); no automatic fix.",
    };
  return {
    range: read.call.range,
    message:
      "get_online_features returns the latest feature values, not those at each example's time: training sees the future. " +
      'Use get_historical_features(entity_df=..., features=[...]).to_df()' +
      (fix
        ? '.'
        : '; no automatic fix: the entity rows do not come from a frame with a known event timestamp.'),
    fixes: fix ? [fix] : [],
  };
}
