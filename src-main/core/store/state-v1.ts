/**
 * The first state.json layout (Taskwatch 0.1), frozen, and its upgrade. Version 1 remembered the last
 * 200 run ids per task; version 2 keeps a run ledger (a time watermark plus ids near it) instead, so
 * that a portal returning its whole history can never make old runs news again. The upgrade keeps
 * every alert already raised and every run already seen: nothing is replayed, nothing is lost.
 */
import { z } from 'zod';
import type { TaskState } from './state';

const Epoch = z.number();

const RunV1 = z.object({
  id: z.string(),
  status: z.string(),
  result: z.string(),
  created: Epoch.nullable(),
  modified: Epoch.nullable(),
  startedAt: Epoch.nullable(),
});

const TaskStateV1 = z.object({
  task: z.looseObject({}),
  runs: z.array(RunV1),
  seenRunIds: z.array(z.string()),
  runCount: z.number().nullable(),
  activeSince: Epoch.nullable(),
  firstSeenAt: Epoch,
});

export const StateFileV1 = z.object({
  version: z.literal(1),
  portals: z.record(z.string(), z.looseObject({ baselined: z.boolean(), tasks: z.record(z.string(), TaskStateV1), health: z.looseObject({}) })),
  alerted: z.record(z.string(), Epoch),
  outbox: z.array(z.looseObject({})),
});
type StateFileV1 = z.infer<typeof StateFileV1>;

function upgradeTask(old: z.infer<typeof TaskStateV1>): TaskState {
  const dated = old.runs.flatMap((run) => (run.created === null ? [] : [run.created]));
  const through = dated.length > 0 ? Math.max(...dated) : null;
  const createdOf = new Map(old.runs.map((run) => [run.id, run.created]));
  return {
    task: old.task as TaskState['task'],
    // Version 1 took start times from the task copy embedded in each run, which is not a per-run fact.
    runs: old.runs.map((run) => ({ ...run, startedAt: null, seenAt: null })),
    ledger: {
      through,
      // An id seen before, with no time kept, counts as seen at the watermark: a reused id later is news.
      recent: old.seenRunIds.map((id) => [id, createdOf.get(id) ?? through] as [string, number | null]),
      open: [],
    },
    runCount: old.runCount,
    activeSince: old.activeSince,
    firstSeenAt: old.firstSeenAt,
    runsReadAt: null,
    runsProblem: null,
    notes: [],
    outrun: null,
  };
}

/** The upgraded file, validated by the caller against the current layout. */
export function migrateStateV1(old: StateFileV1): unknown {
  const portals = Object.fromEntries(
    Object.entries(old.portals).map(([id, portal]) => [
      id,
      {
        ...portal,
        tasks: Object.fromEntries(Object.entries(portal.tasks).map(([taskId, task]) => [taskId, upgradeTask(task)])),
      },
    ]),
  );
  return { ...old, version: 2, portals };
}
