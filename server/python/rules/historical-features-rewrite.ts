import type { Fix } from '../../engine/types.ts';
import type { OnlineFeatureReadFact } from '../facts/point-in-time.ts';

/**
 * Feast's point-in-time retrieval in place of `get_online_features`: `get_historical_features`
 * with the entity frame as `entity_df`, which Feast needs to hold an `event_timestamp` column (a
 * rename is added when the frame's timestamp has another name). Null when the entity rows do not
 * come from a frame (`frame.to_dict("records")`) whose timestamp is known.
 */
export function historicalFeaturesFix(uri: string, read: OnlineFeatureReadFact): Fix | null {
  const frame = read.entityFrame;
  const time = frame?.timestamps[0];
  if (read.kind !== 'online-features' || !frame || !time || !read.receiverText || !read.featuresText)
    return null;
  const base = frame.postfixSafe ? frame.text : `(${frame.text})`;
  const entities =
    time === 'event_timestamp'
      ? frame.text
      : `${base}.rename(columns={${JSON.stringify(time)}: "event_timestamp"})`;
  const newText = `${read.receiverText}.get_historical_features(entity_df=${entities}, features=${read.featuresText}).to_df()`;
  return {
    title: 'Retrieve point-in-time features with get_historical_features',
    changes: [{ uri, edits: [{ range: read.replaceRange, newText }] }],
    safe: false,
  };
}
