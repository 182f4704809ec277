import { describe, expect, it } from 'vitest';
import { inferScheduleZone } from '../../../src-main/core/time/zone-inference';
import { DAY, HOUR, JULY, NOW, occurrence, sameClocksForAYear, scheduled } from './zones';

const nightly = '0 30 1 * * ?';
const reindex = '0 0 3 * * ?';
const weekly = '0 0 4 ? * 7';
const hourly = '0 0 * * * ?';

/** Tasks like the demo portals': two nightly jobs, a weekly backup, an hourly cleaner; started now and in July. */
function portalIn(zone: string, moments = [NOW, JULY]) {
  return [nightly, reindex, weekly, hourly].map((cron) => scheduled(cron, zone, ...moments));
}

describe('inferring the schedule zone from epoch start times', () => {
  it.each([
    // In a half-hour zone even the hourly task's start times tell whole-hour zones apart.
    ['Europe/Berlin', 3],
    ['Asia/Kolkata', 4],
    ['Australia/Lord_Howe', 4],
    ['UTC', 3],
  ])('is certain of %s when its daily and weekly tasks ran on both sides of a clock change', (zone, considered) => {
    const inference = inferScheduleZone(portalIn(zone), NOW);
    expect(inference).toMatchObject({ confidence: 'certain', zone, tasksConsidered: considered, tasksFitting: considered, offSchedule: 0 });
    expect(inference.candidates).toHaveLength(1);
    expect(sameClocksForAYear(inference.zone!, zone, NOW)).toBe(true);
  });

  it('counts the start times that support the zone, lastStart and startDate alike', () => {
    const inference = inferScheduleZone(portalIn('Europe/Berlin'), NOW);
    // Three discriminating tasks with two start times each; the hourly task's fit every whole-hour zone.
    expect(inference).toMatchObject({ startsConsidered: 6, startsFitting: 6 });
  });

  it('names New York for a New York portal, and says which other zone keeps different clocks', () => {
    const inference = inferScheduleZone(portalIn('America/New_York'), NOW);
    expect(inference.zone).toBe('America/New_York');
    // Cuba changes its clocks at other hours of the same days: the data cannot tell, so it is not "certain".
    expect(inference.confidence).toBe('ambiguous');
    expect(inference.candidates[0]!.zones).toEqual(expect.arrayContaining(['America/New_York', 'America/Toronto', 'America/Detroit']));
    expect(inference.candidates.flatMap((candidate) => candidate.zones)).toContain('America/Havana');
    expect(inference.summary).toContain('America/Havana');
    expect(sameClocksForAYear(inference.zone!, 'America/New_York', NOW)).toBe(true);
  });

  it('with one season of evidence, prefers the zone with daylight saving and says that one without fits too', () => {
    const inference = inferScheduleZone(portalIn('Europe/Berlin', [NOW, NOW - 3 * DAY]), NOW);
    expect(inference.confidence).toBe('ambiguous');
    expect(inference.zone).toBe('Europe/Berlin');
    const lagos = inference.candidates.find((candidate) => candidate.zones.includes('Africa/Lagos'));
    expect(lagos?.offsets).toBe('UTC+01:00');
    expect(inference.candidates[0]!.offsets).toBe('UTC+01:00, UTC+02:00 from 2027-03-28 01:00 UTC, UTC+01:00 from 2027-10-31 01:00 UTC');
    expect(sameClocksForAYear(inference.zone!, 'Europe/Berlin', NOW)).toBe(true);
  });

  it('never claims Sydney for Lord Howe Island when both showed UTC+11:00', () => {
    const inference = inferScheduleZone(portalIn('Australia/Lord_Howe', [NOW]), NOW);
    expect(inference.confidence).toBe('ambiguous');
    expect(inference.candidates.flatMap((candidate) => candidate.zones)).toContain('Australia/Lord_Howe');
  });

  it('tells the hour apart from a task every two hours, but not the zone', () => {
    const inference = inferScheduleZone([scheduled('0 0 0/2 * * ?', 'Europe/Berlin', NOW)], NOW);
    expect(inference.confidence).toBe('ambiguous');
    expect(inference.candidates.length).toBeGreaterThan(5);
  });

  it('reads a half-hour zone from hourly tasks alone, but not which one', () => {
    const inference = inferScheduleZone([scheduled(hourly, 'Asia/Kolkata', NOW)], NOW);
    expect(inference.confidence).toBe('ambiguous');
    const offsets = inference.candidates.map((candidate) => candidate.offsets.slice(0, 9));
    expect(offsets.every((offset) => offset.endsWith(':30'))).toBe(true);
    expect(inference.candidates.flatMap((candidate) => candidate.zones)).toContain('Asia/Calcutta');
  });

  it.each(['Europe/Berlin', 'America/New_York', 'UTC'])('says "none" for a %s portal whose tasks all run hourly at minute 0', (zone) => {
    const evidence = [hourly, '0 0/15 * * * ?', '0 0 * ? * 2-6'].map((cron) => scheduled(cron, zone, NOW, JULY));
    const inference = inferScheduleZone(evidence, NOW);
    expect(inference).toMatchObject({ confidence: 'none', zone: null, candidates: [], tasksConsidered: 0 });
    expect(inference.summary).toContain('hourly tasks fit every whole-hour zone');
  });

  it('leaves a run started by hand out, and stays certain', () => {
    const manual = occurrence(nightly, 'Europe/Berlin', NOW) + 9 * HOUR + 17_345; // 10:30:17 in Berlin
    const evidence = [...portalIn('Europe/Berlin'), { cron: nightly, starts: [manual] }];
    const inference = inferScheduleZone(evidence, NOW);
    expect(inference).toMatchObject({ confidence: 'certain', zone: 'Europe/Berlin', offSchedule: 1, tasksConsidered: 3, tasksFitting: 3 });
  });

  it('outvotes a hand-started run that landed on a scheduled second of another zone', () => {
    // A daily 03:00 task started by hand at 09:00:00 Berlin time: on schedule only at UTC-05:00.
    const manual = occurrence(reindex, 'Europe/Berlin', NOW) + 6 * HOUR;
    const evidence = [...portalIn('Europe/Berlin'), scheduled('0 0 5 * * ?', 'Europe/Berlin', NOW, JULY), { cron: reindex, starts: [manual] }];
    const inference = inferScheduleZone(evidence, NOW);
    expect(inference).toMatchObject({ confidence: 'certain', zone: 'Europe/Berlin', tasksConsidered: 5, tasksFitting: 4 });
  });

  it('gives no zone when the tasks disagree half and half', () => {
    const evidence = [scheduled(nightly, 'Europe/Berlin', NOW, JULY), scheduled(nightly, 'Asia/Tokyo', NOW, JULY)];
    const inference = inferScheduleZone(evidence, NOW);
    expect(inference).toMatchObject({ confidence: 'none', zone: null, tasksConsidered: 2, tasksFitting: 1 });
    expect(inference.summary).toContain('fit no one time zone');
  });

  it('takes the portal clock a few seconds late, not a minute', () => {
    const late = (seconds: number) => [nightly, reindex, weekly].map((cron) => ({ cron, starts: [occurrence(cron, 'Asia/Kolkata', NOW) + seconds * 1000] }));
    expect(inferScheduleZone(late(3), NOW).zone).toBe('Asia/Kolkata');
    expect(inferScheduleZone(late(60), NOW)).toMatchObject({ confidence: 'none', offSchedule: 3 });
  });

  it('ignores start times over 400 days old, tasks without an expression and unreadable expressions', () => {
    const old = scheduled(nightly, 'Asia/Tokyo', NOW - 500 * DAY);
    const evidence = [old, { cron: null, starts: [NOW] }, { cron: 'not cron', starts: [NOW] }, scheduled(nightly, 'Asia/Kolkata', NOW)];
    expect(inferScheduleZone(evidence, NOW)).toMatchObject({ zone: 'Asia/Kolkata', tasksConsidered: 1 });
  });

  it('reads a portal of 5,000 tasks', () => {
    const crons = Array.from({ length: 5_000 }, (_, index) => `0 ${index % 60} ${Math.floor(index / 60) % 24} * * ?`);
    const evidence = crons.map((cron, index) => scheduled(cron, 'Europe/Berlin', NOW - (index % 7) * DAY, JULY - (index % 50) * DAY));
    const inference = inferScheduleZone(evidence, NOW);
    expect(inference).toMatchObject({ confidence: 'certain', zone: 'Europe/Berlin', tasksConsidered: 5_000, tasksFitting: 5_000, startsFitting: 10_000 });
  });
});
