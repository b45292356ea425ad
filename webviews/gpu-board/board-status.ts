/** The board's status lines, DOM-free: what is shown and, when Prometheus is down, since when. */
import type { GpuBoardData } from './contract.ts';

function clock(time: number): string {
  return new Date(time).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** The banner for an unavailable Prometheus; undefined when it answered. */
export function unavailableText(data: GpuBoardData): string | undefined {
  const { availability } = data;
  if (availability.state === 'available') return undefined;
  const since = availability.unavailableSince ?? availability.checkedTime;
  const reason = availability.reason ? `: ${availability.reason}` : '';
  return `Prometheus of ${data.context} unavailable since ${clock(since)}${reason}. No GPU numbers are shown until it answers again (last asked ${clock(availability.checkedTime)}).`;
}

export function statusText(data: GpuBoardData): string {
  if (data.availability.state === 'unavailable') return `${data.context}: no data`;
  const points = data.slices.reduce((sum, s) => sum + s.times.length, 0);
  const gpus = new Set(data.slices.map((s) => `${s.hostname}/${s.gpu}`)).size;
  const migs = data.slices.filter((s) => s.migProfile !== undefined).length;
  const hours = data.minutes >= 60 ? `${data.minutes / 60} h` : `${data.minutes} min`;
  return (
    `${data.context} · ${gpus} GPUs${migs > 0 ? `, ${migs} MIG slices` : ''} · last ${hours} at ${data.stepSeconds} s` +
    ` · ${points} time points · as of ${clock(data.availability.checkedTime)}`
  );
}
