/**
 * Whether the zone an admin configured contradicts the portal's own task times, as one sentence for the
 * window, `check` and a notification.
 */
import { formatUtcOffset, offsetOn, offsetTimeline } from './offset-timeline';
import { tasksCounted, tasksMissed, type ZoneInference } from './zone-inference';
import { canonicalZone } from './zone';

/**
 * A warning when `configured` fits fewer of the portal's tasks than the inferred zone does, e.g. `The
 * portal's own task times fit Europe/Berlin (UTC+01:00), not the configured UTC: 3 of 3 tasks.`; null
 * when it fits as well (an equally good candidate), when only one start time contradicts it, when nothing
 * could be inferred, or when the zone is unknown (configuration checks report that).
 */
export function checkConfiguredZone(configured: string, inference: ZoneInference): string | null {
  const zone = canonicalZone(configured);
  if (zone === null || inference.zone === null || inference.confidence === 'none') return null;
  const { starts, taskCount, from, to, now } = inference.evidence;
  const timeline = offsetTimeline(zone, from, Math.max(to, now));
  const offsetAt = (at: number) => offsetOn(timeline, at);
  const misses = tasksMissed(starts, taskCount, offsetAt);
  if (inference.tasksConsidered - misses >= inference.tasksFitting) return null;
  // One start time is no proof: a run started by hand at 12:30 looks like an hourly task in a half-hour zone.
  const startsMissed = starts.reduce((count, start) => count + (start.fits.includes(offsetAt(start.at)) ? 0 : start.tasks.length), 0);
  if (startsMissed < 2) return null;
  const inferredNow = formatUtcOffset(inference.candidates[0]!.offsetNowMs);
  const counted = tasksCounted(inference.tasksFitting, inference.tasksConsidered);
  return `The portal's own task times fit ${inference.zone} (${inferredNow}), not the configured ${configured}: ${counted}.`;
}
