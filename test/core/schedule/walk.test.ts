import { describe, expect, it } from 'vitest';
import { parseQuartz } from '../../../src-main/core/schedule';
import { quartzOccurrences } from '../../../src-main/core/schedule/cron-occurrences';
import { fireTimeAfter } from '../../../src-main/core/schedule/fire-times';

/**
 * A walk from fire time to fire time takes most steps within a day in arithmetic (laterFireTimeSameDay);
 * every step must be the fire time Quartz's own search finds from there, through daylight saving changes
 * of an hour and of half an hour, both ways, and in zones that have none.
 */
const EXPRESSIONS = [
  '0 0 * * * ?',
  '0 0/15 * * * ?',
  '0/20 0/30 1-3 * * ?',
  '0 30 1,2,3 * * ?',
  '0 0 2 ? * SUN',
  '0 0/30 * ? * MON-FRI',
  '0 0 * L * ?',
  '0 0 9-17 15W * ?',
  '0 15 * ? * 6#2',
];
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Sao_Paulo'];
// Spans holding each zone's changes of 2024 (Lord Howe's, Berlin's and New York's in spring and autumn).
const SPANS = [
  ['2024-03-08T00:00:00Z', '2024-04-09T00:00:00Z'],
  ['2024-10-04T00:00:00Z', '2024-11-06T00:00:00Z'],
] as const;

describe('walking a schedule from fire time to fire time', () => {
  for (const zone of ZONES) {
    it(`finds what Quartz's search finds at every step, in ${zone}`, () => {
      for (const expression of EXPRESSIONS) {
        const parsed = parseQuartz(expression);
        if (!parsed.ok) throw new Error(`${expression}: ${parsed.reason}`);
        const walk = quartzOccurrences(parsed.expression, parsed.fields, zone);
        for (const [from, to] of SPANS) {
          const walked: number[] = [];
          const searched: number[] = [];
          for (let t = walk.next(Date.parse(from)); t !== null && t < Date.parse(to); t = walk.next(t)) walked.push(t);
          for (let t = fireTimeAfter(parsed.fields, zone, Date.parse(from)); t !== null && t < Date.parse(to); t = fireTimeAfter(parsed.fields, zone, t)) searched.push(t);
          expect(walked.length, `${expression} from ${from}`).toBeGreaterThan(0);
          expect(walked.map((t) => new Date(t).toISOString()), `${expression} from ${from}`).toEqual(searched.map((t) => new Date(t).toISOString()));
        }
      }
    });
  }
});
