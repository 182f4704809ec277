import { describe, expect, it } from 'vitest';
import { parseTask } from '../../../src-main/core/portal/answers';
import { zoneEvidenceOf } from '../../../src-main/core/time/zone-evidence';
import { inferScheduleZone } from '../../../src-main/core/time/zone-inference';

/** The reference's CreateBackup task as the portal sends it, `sent` replacing its fields, read by the client. */
function backup(sent: Record<string, unknown>) {
  const reference = { id: 'b1', taskTitle: 'backup', taskType: 'CreateBackup', taskState: 'active', active: true, cronExpression: '0 0 4 ? * 7', runIntervalSeconds: 604_800, maxOccurrences: -1, generation: 1 };
  return parseTask({ ...reference, ...sent }, 'UTC', 'https://portal.example.com/portal/admin/system/tasks/b1');
}

describe('what a task tells about the zone', () => {
  it('takes epoch lastStart and startDate, as the reference sample sends them', () => {
    const evidence = zoneEvidenceOf(backup({ lastStart: 1634961600000, startDate: '1634961600000' }));
    expect(evidence).toEqual({ cron: '0 0 4 ? * 7', starts: [1634961600000, 1634961600000] });
  });

  it('never takes a zone-less date string, which was read in an assumed zone', () => {
    expect(zoneEvidenceOf(backup({ lastStart: 'Apr 22, 2021, 3:00:00 AM', startDate: '2021-04-22 03:00:00' })).starts).toEqual([]);
    expect(zoneEvidenceOf(backup({ lastStart: '2021-10-23T04:00:00Z' })).starts).toEqual([Date.parse('2021-10-23T04:00:00Z')]);
  });

  it('uses the expression rebuilt from cronSchedule when cronExpression is missing', () => {
    const task = backup({ lastStart: 1634961600000, cronExpression: null, cronSchedule: { minute: '0', hour: '4', dayOfMonth: '?', month: '*', dayOfWeek: '7' } });
    expect(zoneEvidenceOf(task).cron).toBe('0 0 4 ? * 7');
  });

  it("reads the reference sample's Saturday 04:00 backup as a portal on UTC", () => {
    const evidence = [zoneEvidenceOf(backup({ lastStart: 1634961600000, startDate: 1634961600000 }))];
    expect(inferScheduleZone(evidence, 1635375600000)).toMatchObject({ zone: 'UTC', tasksFitting: 1, tasksConsidered: 1 });
  });
});
