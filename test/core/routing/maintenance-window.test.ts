import { describe, expect, it } from 'vitest';
import { MaintenanceWindow, type MaintenanceWhen } from '../../../src-main/contract/routing';
import { isWindowOpen, windowProblem } from '../../../src-main/core/routing/maintenance-window';

const window = (when: MaintenanceWhen, timeZone = 'Europe/Berlin') => MaintenanceWindow.parse({ id: 'w', portalId: 'p', timeZone, when });
/** The instants (UTC, minute precision) at which the window is open, among those given. */
const openAt = (subject: MaintenanceWindow, ...instants: string[]) => instants.filter((instant) => isWindowOpen(subject, Date.parse(instant)));

describe('maintenance windows, read in their own zone', () => {
  it('weekly: open on the listed days only, and past midnight when the end comes before the start', () => {
    const fridayNights = window({ kind: 'weekly', days: ['fri'], start: '22:00', end: '02:00' });
    // Friday 2026-11-20 22:00 CET is 21:00 UTC; it closes Saturday 02:00 CET, 01:00 UTC.
    expect(openAt(fridayNights, '2026-11-20T20:59Z', '2026-11-20T21:00Z', '2026-11-21T00:30Z', '2026-11-21T00:59Z', '2026-11-21T01:00Z', '2026-11-21T21:30Z')).toEqual([
      '2026-11-20T21:00Z',
      '2026-11-21T00:30Z',
      '2026-11-21T00:59Z',
    ]);
  });

  it('weekly: the night clocks go forward, 01:00-04:00 local lasts two hours', () => {
    const sundays = window({ kind: 'weekly', days: ['sun'], start: '01:00', end: '04:00' });
    // 2026-03-29: 01:00 CET = 00:00 UTC; 04:00 CEST = 02:00 UTC.
    expect(openAt(sundays, '2026-03-28T23:59Z', '2026-03-29T00:00Z', '2026-03-29T01:59Z', '2026-03-29T02:00Z')).toEqual(['2026-03-29T00:00Z', '2026-03-29T01:59Z']);
  });

  it('cron: opens at each fire time for its duration, exactly as Quartz fires across DST', () => {
    const sundayNights = window({ kind: 'cron', cron: '0 0 2 ? * SUN', durationMinutes: 120 });
    // An ordinary Sunday: 02:00 CET = 01:00 UTC, open until 03:00 UTC.
    expect(openAt(sundayNights, '2026-11-22T00:59Z', '2026-11-22T01:00Z', '2026-11-22T02:59Z', '2026-11-22T03:00Z', '2026-11-23T01:30Z')).toEqual(['2026-11-22T01:00Z', '2026-11-22T02:59Z']);
    // 02:00 does not exist on 2026-03-29 and Quartz does not fire then: no window that night.
    expect(openAt(sundayNights, '2026-03-29T00:30Z', '2026-03-29T01:00Z', '2026-03-29T02:59Z')).toEqual([]);
    // 02:00 happens twice on 2026-10-25: Quartz takes the second (CET, 01:00 UTC), not the first (00:00 UTC).
    expect(openAt(sundayNights, '2026-10-25T00:30Z', '2026-10-25T01:00Z', '2026-10-25T02:59Z', '2026-10-25T03:00Z')).toEqual(['2026-10-25T01:00Z', '2026-10-25T02:59Z']);
  });

  it('once: from its local start to its local end', () => {
    const saturdayNight = window({ kind: 'once', start: '2026-11-28T22:00', end: '2026-11-29T02:00' }, 'America/New_York');
    expect(openAt(saturdayNight, '2026-11-29T02:59Z', '2026-11-29T03:00Z', '2026-11-29T06:59Z', '2026-11-29T07:00Z')).toEqual(['2026-11-29T03:00Z', '2026-11-29T06:59Z']);
  });

  it('refuses times it cannot use, in one sentence', () => {
    expect(windowProblem({ kind: 'once', start: '2026-11-29T02:00', end: '2026-11-28T22:00' }, 'Europe/Berlin')).toBe('The window must end after it starts.');
    expect(windowProblem({ kind: 'weekly', days: ['mon'], start: '02:00', end: '02:00' }, 'Europe/Berlin')).toBe('The window must end at another time than it starts.');
    expect(windowProblem({ kind: 'cron', cron: '0 0 2 * * SUN', durationMinutes: 60 }, 'Europe/Berlin')).toMatch(/^The cron expression 0 0 2 \* \* SUN .*\.$/);
    expect(windowProblem({ kind: 'cron', cron: '0 0 2 ? * SUN', durationMinutes: 60 }, 'Europe/Berlin')).toBeNull();
  });
});
