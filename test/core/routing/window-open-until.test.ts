import { describe, expect, it } from 'vitest';
import type { MaintenanceWhen } from '../../../src-main/contract/routing';
import { windowOpenUntil } from '../../../src-main/core/routing/maintenance-window';

const window = (when: MaintenanceWhen, timeZone = 'Europe/Berlin') => ({ id: 'w', portalId: 'p', label: '', timeZone, when });
const at = (iso: string) => Date.parse(iso);

describe('whether a maintenance window is open, read in its own zone', () => {
  it('a one-off window: open from its start until its end, Berlin time', () => {
    const once = window({ kind: 'once', start: '2026-11-28T22:00', end: '2026-11-29T02:00' });
    expect(windowOpenUntil(once, at('2026-11-28T20:59:00Z'))).toBeNull();
    expect(windowOpenUntil(once, at('2026-11-28T21:00:00Z'))).toBe(at('2026-11-29T01:00:00Z'));
    expect(windowOpenUntil(once, at('2026-11-29T01:00:00Z'))).toBeNull();
  });

  it('a weekly window past midnight is still open on the next day, which is not listed', () => {
    const weekly = window({ kind: 'weekly', days: ['sat'], start: '22:00', end: '02:00' });
    // Saturday 28 Nov 2026, 23:30 Berlin; then Sunday 01:30 Berlin; then Sunday 02:00.
    expect(windowOpenUntil(weekly, at('2026-11-28T22:30:00Z'))).toBe(at('2026-11-29T01:00:00Z'));
    expect(windowOpenUntil(weekly, at('2026-11-29T00:30:00Z'))).toBe(at('2026-11-29T01:00:00Z'));
    expect(windowOpenUntil(weekly, at('2026-11-29T01:00:00Z'))).toBeNull();
    // Friday at the same hour: closed.
    expect(windowOpenUntil(weekly, at('2026-11-27T22:30:00Z'))).toBeNull();
  });

  it('a weekly window keeps wall-clock times across a change to summer time', () => {
    const weekly = window({ kind: 'weekly', days: ['sun'], start: '01:00', end: '05:00' });
    // 29 March 2026: Berlin jumps from 02:00 to 03:00, so 01:00-05:00 local is 00:00-03:00 UTC.
    expect(windowOpenUntil(weekly, at('2026-03-29T00:30:00Z'))).toBe(at('2026-03-29T03:00:00Z'));
  });

  it('a cron window opens at each fire time and stays open its duration', () => {
    const cron = window({ kind: 'cron', cron: '0 0 2 ? * SUN', durationMinutes: 90 }, 'UTC');
    expect(windowOpenUntil(cron, at('2026-11-29T01:59:00Z'))).toBeNull();
    expect(windowOpenUntil(cron, at('2026-11-29T02:00:00Z'))).toBe(at('2026-11-29T03:30:00Z'));
    expect(windowOpenUntil(cron, at('2026-11-29T03:29:00Z'))).toBe(at('2026-11-29T03:30:00Z'));
    expect(windowOpenUntil(cron, at('2026-11-29T03:30:00Z'))).toBeNull();
  });

  it('an expression Quartz would refuse never opens', () => {
    expect(windowOpenUntil(window({ kind: 'cron', cron: 'not cron', durationMinutes: 60 }), at('2026-11-29T02:00:00Z'))).toBeNull();
  });
});
