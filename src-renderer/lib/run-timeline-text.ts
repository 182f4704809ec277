import { duration, localTime } from './format';
import type { Timeline, TimelineBin } from './run-timeline';

/** The run-history picture in words: its axis labels, each column's tooltip, and the sentence that stands in for it. */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const hourFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });

/** A few labels along the time axis, on whole hours (or days): "Nov 22, 2:00 PM", not "Nov 22, 1:59 PM". */
export function axisTicks(from: number, to: number, width: number): Array<{ x: number; label: string; anchor: 'start' | 'middle' | 'end' }> {
  const count = width > 640 ? 5 : 3;
  const short = to - from < 3 * DAY;
  const format = short ? hourFormat : dayFormat;
  const unit = short ? HOUR : DAY;
  return Array.from({ length: count }, (_, index) => {
    const exact = from + ((to - from) * index) / (count - 1);
    const at = index === count - 1 ? exact : Math.round(exact / unit) * unit;
    const x = Math.min(width, Math.max(0, ((at - from) / (to - from || 1)) * width));
    return { x, label: format.format(at), anchor: index === 0 ? 'start' : index === count - 1 ? 'end' : 'middle' };
  });
}

/** "Nov 22, 2:00 PM UTC – Nov 22, 6:00 PM UTC: 4 runs, 1 failed, 1 missed". */
export function binText(bin: TimelineBin, now: number): string {
  const parts = [`${bin.runs} run${bin.runs === 1 ? '' : 's'}`];
  if (bin.counts.failure) parts.push(`${bin.counts.failure} failed`);
  if (bin.counts.skipped) parts.push(`${bin.counts.skipped} skipped`);
  if (bin.missed) parts.push(`${bin.missed} missed`);
  if (bin.longestMs !== null) parts.push(`longest ${duration(bin.longestMs)}`);
  return `${localTime(bin.from, now)} – ${localTime(bin.to, now)}: ${parts.join(', ')}`;
}

/** The picture's text alternative: what it shows, in one or two sentences. */
export function timelineText(timeline: Timeline, scheduleKnown: boolean, now: number): string {
  const { totals } = timeline;
  const parts = [`${timeline.runs} runs`, `${totals.failure} failed`, `${totals.skipped} skipped`];
  parts.push(scheduleKnown ? `${timeline.missed} expected by the schedule but never run` : 'missed runs unknown (no schedule to compare with)');
  const failure = timeline.latestFailure !== null ? ` Latest failure: ${localTime(timeline.latestFailure, now)}.` : '';
  const durations =
    timeline.timed > 0
      ? ` Longest known run: ${duration(timeline.longestMs)} (${timeline.timed} timed).`
      : ' Durations unknown: Taskwatch did not see these runs start.';
  return `From ${localTime(timeline.from, now)} to now: ${parts.join(', ')}.${failure}${durations}`;
}
