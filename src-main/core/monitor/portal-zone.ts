/**
 * The zone a portal's schedules and zone-less dates are read in: the one the admin configured, else the
 * one learnt from the portal's own epoch task times, else not known (read as UTC meanwhile, and no
 * conclusion that depends on the zone is drawn: no overdue, no stuck). A configured zone the portal's
 * task times contradict is said once, not silently used or silently replaced.
 */
import type { PortalTask } from '../portal/types';
import type { PortalConfig } from '../store/config';
import type { PortalState } from '../store/state';
import { checkConfiguredZone } from '../time/zone-check';
import { zoneEvidenceOf } from '../time/zone-evidence';
import { inferScheduleZone } from '../time/zone-inference';

export type ZoneSource = 'configured' | 'learnt' | 'unknown';

export interface PortalZoneView {
  zone: string;
  source: ZoneSource;
  note: string | null;
}

const ASSUMED = 'UTC';

export function portalZone(portal: PortalConfig, state: PortalState | undefined): PortalZoneView {
  const learnt = state?.zone;
  if (portal.timeZone) return { zone: portal.timeZone, source: 'configured', note: learnt?.mismatch ?? null };
  if (learnt?.learnt) return { zone: learnt.learnt, source: 'learnt', note: learnt.summary };
  const why = learnt?.summary ? ` (${learnt.summary})` : '';
  return {
    zone: ASSUMED,
    source: 'unknown',
    note: `The portal's time zone is not known yet${why}: set it in the portal's settings. Until then Taskwatch reads its dates as UTC and does not judge overdue or stuck runs.`,
  };
}

/**
 * Reads the portal's task list for its zone and records what it says. Returns true when the zone dates
 * are read in changed, so the caller reads the list again before trusting any zone-less date in it.
 */
export function learnZone(portal: PortalConfig, state: PortalState, tasks: PortalTask[], now: number): boolean {
  const before = portalZone(portal, state).zone;
  const inference = inferScheduleZone(tasks.map(zoneEvidenceOf), now);
  if (portal.timeZone) {
    state.zone = { ...state.zone, mismatch: checkConfiguredZone(portal.timeZone, inference) };
    return false;
  }
  // A list that tells nothing (only hourly tasks, no epoch times) keeps what was learnt before.
  if (inference.zone !== null) state.zone = { learnt: inference.zone, summary: inference.summary, mismatch: null };
  else if (!state.zone.learnt) state.zone = { ...state.zone, summary: inference.summary };
  return portalZone(portal, state).zone !== before;
}
