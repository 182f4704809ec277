import { describe, expect, it } from 'vitest';
import { checkConfiguredZone } from '../../../src-main/core/time/zone-check';
import { inferScheduleZone } from '../../../src-main/core/time/zone-inference';
import { JULY, NOW, scheduled } from './zones';

const backups = (zone: string, moments = [NOW]) => ['0 0 4 * * ?', '0 30 1 * * ?', '0 0 4 ? * 7'].map((cron) => scheduled(cron, zone, ...moments));

describe('holding a configured zone against the portal\'s own task times', () => {
  it('warns in one sentence when the admin configured UTC for a Berlin portal', () => {
    const inference = inferScheduleZone(backups('Europe/Berlin'), NOW);
    expect(checkConfiguredZone('UTC', inference)).toBe(
      "The portal's own task times fit Europe/Berlin (UTC+01:00), not the configured UTC: 3 of 3 tasks.",
    );
  });

  it('warns about a neighbouring zone an hour off (Chicago for New York)', () => {
    const inference = inferScheduleZone(backups('America/New_York', [NOW, JULY]), NOW);
    expect(checkConfiguredZone('America/Chicago', inference)).toBe(
      "The portal's own task times fit America/New_York (UTC-05:00), not the configured America/Chicago: 3 of 3 tasks.",
    );
  });

  it('accepts the zone itself, another name for it, and a zone the evidence cannot tell from it', () => {
    const winter = inferScheduleZone(backups('Europe/Berlin'), NOW);
    expect(checkConfiguredZone('Europe/Berlin', winter)).toBeNull();
    expect(checkConfiguredZone('Europe/Paris', winter)).toBeNull();
    // Only winter start times: a zone without daylight saving at UTC+01:00 fits them as well.
    expect(checkConfiguredZone('Africa/Lagos', winter)).toBeNull();
    const kolkata = inferScheduleZone(backups('Asia/Kolkata'), NOW);
    expect(checkConfiguredZone('Asia/Calcutta', kolkata)).toBeNull();
  });

  it('does not warn when a hand-started run is the only start time off the configured zone', () => {
    const manual = { cron: '0 0 3 * * ?', starts: [scheduled('0 0 3 * * ?', 'Europe/Berlin', NOW).starts[0]! + 6 * 3_600_000] };
    const inference = inferScheduleZone([...backups('Europe/Berlin', [NOW, JULY]), manual], NOW);
    expect(inference.tasksFitting).toBe(3);
    expect(checkConfiguredZone('Europe/Berlin', inference)).toBeNull();
  });

  it('does not warn on one start time alone: an hourly task run by hand at half past fits a half-hour zone', () => {
    const halfPast = Date.parse('2026-11-23T12:30:02Z');
    const lone = inferScheduleZone([{ cron: '0 0 * * * ?', starts: [halfPast] }], halfPast + 60_000);
    expect(lone.zone).not.toBeNull(); // the inference alone does read it as a half-hour zone
    expect(checkConfiguredZone('UTC', lone)).toBeNull();
    const twice = inferScheduleZone([{ cron: '0 0 * * * ?', starts: [halfPast] }, { cron: '0 0 * * * ?', starts: [halfPast + 3_600_000] }], halfPast + 3_700_000);
    expect(checkConfiguredZone('UTC', twice)).toMatch(/not the configured UTC: 2 of 2 tasks/);
  });

  it('stays silent when the portal shows nothing to go by (hourly tasks only), or the zone is unknown', () => {
    const hourly = inferScheduleZone([scheduled('0 0 * * * ?', 'Europe/Berlin', NOW)], NOW);
    expect(checkConfiguredZone('UTC', hourly)).toBeNull();
    expect(checkConfiguredZone('Mars/Olympus_Mons', inferScheduleZone(backups('Europe/Berlin'), NOW))).toBeNull();
  });
});
