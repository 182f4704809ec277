import type { SimTask } from '../../src-main/sim/types';

export const HOUR = 3_600_000;

/** The start of the current hour on the real clock: where child-process tests' hourly runs end. */
export const lastFullHour = () => Math.floor(Date.now() / HOUR) * HOUR;

/**
 * An hourly GP-jobs cleaner, a week old, on the real clock, whose two latest runs succeeded; the newest
 * `hoursAgo` hours before the last full hour (0: it ran then, so it is healthy now).
 */
export function hourlyCleaner(id: string, title: string, hoursAgo = 0): SimTask {
  const lastHour = lastFullHour();
  return {
    id,
    title,
    taskType: 'CleanGPJobs',
    cronExpression: '0 0 * * * ?',
    created: Date.now() - 7 * 24 * HOUR,
    history: [hoursAgo + 1, hoursAgo].map((back) => ({ startedAt: lastHour - back * HOUR, durationMs: 1_000, status: 'succeeded', result: 'GP Jobs have been cleaned.' })),
  };
}
