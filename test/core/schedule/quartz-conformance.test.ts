import { describe, expect, it } from 'vitest';
import { scheduleOf } from '../../../src-main/core/schedule';
import { conformanceCases } from './quartz-conformance.cases';
import { iso, task, upcoming } from './fixtures';

const isoSeconds = (t: number | null) => (t === null ? null : new Date(t).toISOString().replace('.000Z', 'Z'));

describe('Quartz conformance: fire times and rejections agree with the real Quartz', () => {
  for (const c of conformanceCases) {
    if ('rejects' in c) {
      it(`rejects ${c.expression} (${c.source})`, () => {
        const schedule = scheduleOf(task({ cronExpression: c.expression, runIntervalSeconds: 3600 }), 'UTC');
        expect(schedule.kind).toBe('unknown');
        expect(schedule.description).toBe('unknown schedule');
        expect(schedule.note).toMatch(new RegExp(`^Quartz rejects ".+": ${c.rejects === 'expression' ? 'has \\d+ fields' : c.rejects}`));
        expect(schedule.next(iso('2024-01-01T00:00:00Z'))).toBeNull();
      });
      continue;
    }
    it(`${c.expression} in ${c.zone} from ${c.from} (${c.source})`, () => {
      const schedule = scheduleOf(task({ cronExpression: c.expression }), c.zone);
      expect(schedule.kind).toBe('cron');
      const count = c.next.length + (c.thenNone ? 1 : 0);
      expect(upcoming(schedule.next, iso(c.from), count).map((t) => t.replace('.000Z', 'Z'))).toEqual(c.next);
      // previous() is at-or-before; Quartz's getTimeBefore is strictly before.
      expect(isoSeconds(schedule.previous(iso(c.from) - 1))).toBe(c.previous);
    });
  }
});
