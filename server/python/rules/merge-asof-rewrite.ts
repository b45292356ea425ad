import type { Fix } from '../../engine/types.ts';
import type { FrameSide, JoinFact } from '../facts/point-in-time.ts';

/**
 * The point-in-time version of a join: `pd.merge_asof` over both sides sorted by their
 * timestamps, matching each left row with the latest right row at or before its time
 * (`direction="backward"`), per entity key (`by`, or `left_by`/`right_by`). Null when the keys
 * are not known (a `join` on an index that was not set from named columns).
 */
export function mergeAsofFix(
  uri: string,
  join: JoinFact,
  importAt: { line: number; character: number },
): Fix | null {
  const leftTime = join.left.timestamps[0];
  const rightTime = join.right.timestamps[0];
  if (!join.keyText || !join.rightKeys || !leftTime || !rightTime) return null;
  const pandas = join.pandasAlias ?? 'pd';
  const keys =
    'on' in join.keyText
      ? [`by=${join.keyText.on}`]
      : [`left_by=${join.keyText.leftOn}`, `right_by=${join.keyText.rightOn}`];
  const times =
    leftTime === rightTime
      ? [`on=${quote(leftTime)}`]
      : [`left_on=${quote(leftTime)}`, `right_on=${quote(rightTime)}`];
  const args = [
    sorted(join.left, leftTime, pandas),
    sorted(join.right, rightTime, pandas),
    ...keys,
    ...times,
    'direction="backward"',
    ...(join.suffixesText ? [`suffixes=${join.suffixesText}`] : []),
  ];
  const edits = [{ range: join.call.range, newText: `${pandas}.merge_asof(${args.join(', ')})` }];
  if (!join.pandasAlias)
    edits.push({ range: { start: importAt, end: importAt }, newText: 'import pandas as pd\n' });
  return {
    title: `Join as of ${leftTime} with pd.merge_asof (latest ${rightTime} at or before it)`,
    changes: [{ uri, edits }],
    safe: false,
  };
}

/**
 * The side sorted by its time; a column only named like a timestamp (not parsed with
 * `parse_dates` or `pd.to_datetime`) is converted first, since `merge_asof` cannot order strings.
 */
function sorted(side: FrameSide, time: string, pandas: string): string {
  const frame = side.postfixSafe ? side.text : `(${side.text})`;
  if (side.parsedTimestamps.includes(time)) return `${frame}.sort_values(${quote(time)})`;
  const converted = `${pandas}.to_datetime(${frame}[${quote(time)}])`;
  const assign = IDENTIFIER.test(time) ? `${time}=${converted}` : `**{${quote(time)}: ${converted}}`;
  return `${frame}.assign(${assign}).sort_values(${quote(time)})`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quote(column: string): string {
  return JSON.stringify(column);
}
