import type { Mute } from '../../contract/routing';
import { EXIT } from '../exit-codes';
import { printList } from '../list-output';
import type { Cli, OpenedService } from '../runtime';
import { withService } from '../runtime';
import { UsageError } from '../usage-error';
import { portalIdOf } from './portal';

export interface MuteOptions {
  until?: string;
  for?: string;
  untilRecovered?: boolean;
  reason?: string;
}

const UNITS: Record<string, number> = { d: 24 * 60 * 60_000, h: 60 * 60_000, m: 60_000 };

/** `2h`, `30m`, `1d12h`: a duration in milliseconds, or null when it is none. */
export function parseDuration(text: string): number | null {
  const parts = [...text.matchAll(/(\d+)([dhm])/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) return null;
  const ms = parts.reduce((sum, [, count, unit]) => sum + Number(count) * UNITS[unit!]!, 0);
  return ms > 0 ? ms : null;
}

/** `mute <portal> [task]`: holds back the alerts of a task, or of a whole portal, until a time or until it is healthy again. */
export async function mute(cli: Cli, portalUrl: string | undefined, task: string | undefined, options: MuteOptions): Promise<number> {
  if (!portalUrl) throw new UsageError('mute needs the portal URL, e.g. taskwatch mute https://gis.example.com/portal backup --for 2h');
  const ways = [options.until, options.for, options.untilRecovered].filter((way) => way !== undefined);
  if (ways.length !== 1) throw new UsageError('mute needs exactly one of --until <ISO time>, --for <duration> or --until-recovered');
  return withService(cli, { changesConfig: true }, async (opened) => {
    const portalId = portalIdOf(opened, portalUrl);
    const taskId = task === undefined ? null : taskIdOf(opened, portalId, task);
    const until = options.untilRecovered ? { kind: 'recovery' as const } : { kind: 'time' as const, at: endOf(options) };
    const saved = await opened.service.routing.mute({ portalId, taskId, until, reason: options.reason ?? '' });
    cli.out(`Muted ${describeMute(saved)} (id ${saved.id}); alerts are recorded but not sent. Undo: taskwatch unmute ${saved.id}`);
    return EXIT.ok;
  });
}

export async function muteList(cli: Cli, json: boolean): Promise<number> {
  return withService(cli, { readOnly: true }, async (opened) => {
    const line = (saved: Mute) => `${saved.id}  ${describeMute(saved)}${saved.reason ? `  (${saved.reason})` : ''}`;
    printList(cli, json, opened.service.routing.mutes(), 'Nothing is muted. Mute: taskwatch mute <portal> [task] --for 2h', line);
    return EXIT.ok;
  });
}

export async function unmute(cli: Cli, id: string | undefined): Promise<number> {
  if (!id) throw new UsageError('unmute needs the mute id as shown by taskwatch mute list');
  return withService(cli, { changesConfig: true }, async (opened) => {
    await opened.service.routing.unmute(id);
    cli.out(`Unmuted ${id}; problems still open are sent after the next poll.`);
    return EXIT.ok;
  });
}

/** A task by id or exact title; one not seen yet (the portal was never polled) is taken by its id. */
function taskIdOf(opened: OpenedService, portalId: string, task: string): string {
  const tasks = opened.service.snapshot().tasks.filter((candidate) => candidate.portalId === portalId);
  const found = tasks.find((candidate) => candidate.id === task) ?? tasks.find((candidate) => candidate.title === task);
  if (found) return found.id;
  if (tasks.length > 0) throw new UsageError(`No task "${task}" on this portal; taskwatch check lists its tasks.`);
  return task;
}

function endOf(options: MuteOptions): number {
  if (options.for !== undefined) {
    const ms = parseDuration(options.for);
    if (ms === null) throw new UsageError(`--for takes a duration like 30m, 2h or 1d12h (got "${options.for}")`);
    return Date.now() + ms;
  }
  const at = Date.parse(options.until!);
  if (Number.isNaN(at)) throw new UsageError(`--until takes an ISO time like 2026-11-28T06:00Z (got "${options.until}")`);
  return at;
}

function describeMute(saved: Mute): string {
  const what = saved.taskId === null ? `every alert of ${saved.portalId}` : `task ${saved.taskId} on ${saved.portalId}`;
  return `${what} ${saved.until.kind === 'time' ? `until ${new Date(saved.until.at).toISOString()}` : 'until it is healthy again'}`;
}
