/**
 * A range query evaluates a plain selector at every step with Prometheus's 5-minute lookback, so
 * a time when nothing was scraped (Prometheus down, a target gone without staleness markers) is
 * filled with the last sample before it. These keep only the points whose sample was scraped
 * near the step: each series is paired with the sample times of its slice (`timestamp` of one
 * metric over the same steps), and a point whose sample is older than the step, or than two
 * scrape intervals when the steps are shorter, is dropped.
 */
import type { RangeSeries } from './prometheus-response.ts';

/**
 * The time between scrapes (ms): the shortest gap between the distinct sample times seen, as
 * missed scrapes only lengthen gaps. Undefined with fewer than two.
 */
export function scrapeIntervalMs(sampleTimes: ReadonlyMap<number, number>): number | undefined {
  const distinct = [...new Set(sampleTimes.values())].sort((a, b) => a - b);
  const gaps = distinct.slice(1).map((time, i) => time - (distinct[i] as number));
  return gaps.length === 0 ? undefined : Math.min(...gaps);
}

/**
 * The sample time (ms) at each step time, from a range query of `timestamp(<selector>)` (which
 * answers in seconds).
 */
export function sampleTimesByStep(series: RangeSeries): Map<number, number> {
  return new Map(series.points.map((p) => [p.time, Math.round(p.value * 1000)]));
}

/**
 * The points of `series` whose sample is fresh at its step; `sampleTimes` are the slice's, by
 * step time. A step with no known sample time is dropped too.
 */
export function scrapedPoints(
  points: RangeSeries['points'],
  sampleTimes: ReadonlyMap<number, number>,
  stepSeconds: number,
): RangeSeries['points'] {
  const stepMs = stepSeconds * 1000;
  const staleAfter = Math.max(stepMs, 2 * (scrapeIntervalMs(sampleTimes) ?? stepMs));
  return points.filter((p) => {
    const sampled = sampleTimes.get(p.time);
    return sampled !== undefined && p.time - sampled <= staleAfter;
  });
}
