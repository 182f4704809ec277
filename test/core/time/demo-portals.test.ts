/**
 * The demo's own portals, added without a zone (their zone-less dates read as UTC): the zone each one's
 * schedules run in is recovered from what the portal serves over HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PortalClient, parseArcgisDate } from '../../../src-main/core/portal';
import { offsetFromObservations } from '../../../src-main/core/time/offset-observation';
import { checkConfiguredZone } from '../../../src-main/core/time/zone-check';
import { zoneEvidenceOf } from '../../../src-main/core/time/zone-evidence';
import { inferScheduleZone } from '../../../src-main/core/time/zone-inference';
import { demoScenarios, startSimulatedPortal, type SimulatedPortal } from '../../../src-main/sim';
import { HOUR, NOW, sameClocksForAYear } from './zones';

const MINUTE = 60_000;
const scenario = (name: string) => demoScenarios(NOW).find((candidate) => candidate.name === name)!;

let portals: SimulatedPortal[] = [];
afterEach(async () => {
  await Promise.all(portals.map((portal) => portal.close()));
  portals = [];
});

/** A demo portal on an injected clock, and a client that was given no zone. */
async function open(name: string, clock = { now: NOW }) {
  const portal = await startSimulatedPortal({ tasks: scenario(name), now: () => clock.now });
  portals.push(portal);
  const client = new PortalClient(
    { baseUrl: portal.baseUrl, adminUrl: portal.adminUrl, username: 'admin', timeZone: 'UTC', fingerprint: null },
    { getPassword: async () => 'admin-password' },
  );
  return { portal, client, clock };
}

async function inferred(name: string) {
  const { client } = await open(name);
  const { tasks } = await client.listTasks();
  return inferScheduleZone(tasks.map(zoneEvidenceOf), NOW);
}

describe("the demo portals' zones, from their own answers", () => {
  it.each(['gis-k8s', 'gis-test'])('%s: the inferred zone keeps the scenario zone\'s clocks for the next year', async (name) => {
    const inference = await inferred(name);
    expect(inference.confidence).not.toBe('none');
    expect(inference.tasksFitting).toBe(inference.tasksConsidered);
    expect(sameClocksForAYear(inference.zone!, scenario(name).timeZone, NOW)).toBe(true);
  });

  it('warns that UTC contradicts the Kubernetes portal in Berlin, and accepts Berlin', async () => {
    const inference = await inferred('gis-k8s');
    expect(checkConfiguredZone('UTC', inference)).toMatch(/^The portal's own task times fit Europe\/Berlin \(UTC\+01:00\), not the configured UTC: \d of \d tasks\.$/);
    expect(checkConfiguredZone('Europe/Berlin', inference)).toBeNull();
  });

  it('gis-prod writes only zone-less dates: no zone is claimed from its tasks, and a new run reveals UTC-05:00', async () => {
    expect(await inferred('gis-prod')).toMatchObject({ confidence: 'none', zone: null });

    const { portal, client, clock } = await open('gis-prod');
    const hourly = (await client.listTasks()).tasks.find((task) => task.title === 'gpCleanerTask')!;
    const known = new Set((await client.listRuns(hourly.id, { num: 100 })).runs.map((run) => run.id));
    // Poll every minute, as Taskwatch would, until the hourly task's next run is listed.
    for (let minute = 1; minute <= 61; minute++) {
      clock.now = NOW + minute * MINUTE;
      portal.tick();
      const fresh = (await client.listRuns(hourly.id)).runs.filter((run) => !known.has(run.id));
      if (fresh.length === 0) continue;
      const observations = fresh.map((run) => ({
        createdAsUtc: parseArcgisDate(run.dateText.created, 'UTC')!,
        firstSeenAt: clock.now,
        maxAgeMs: MINUTE,
      }));
      expect(offsetFromObservations(observations)).toEqual([-5 * HOUR]);
      return;
    }
    throw new Error('no new run within an hour');
  });
});
