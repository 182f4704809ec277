import { Weekday, type MaintenanceWhen, type MaintenanceWindow } from '../../contract/routing';
import { isWindowOpen } from '../../core/routing/maintenance-window';
import { EXIT } from '../exit-codes';
import { printList } from '../list-output';
import type { Cli } from '../runtime';
import { withService } from '../runtime';
import { UsageError } from '../usage-error';
import { portalIdOf } from './portal';

export interface MaintenanceAddOptions {
  zone?: string;
  once?: boolean;
  /** START and END of a one-off window (words after the portal). */
  onceTimes: string[];
  weekly?: string;
  from?: string;
  to?: string;
  cron?: string;
  minutes?: string;
  label?: string;
}

/** `maintenance add <portal>`: a one-off, weekly or cron window in a named zone, during which the portal's alerts are held. */
export async function maintenanceAdd(cli: Cli, portalUrl: string | undefined, options: MaintenanceAddOptions): Promise<number> {
  if (!portalUrl) throw new UsageError('maintenance add needs the portal URL, e.g. taskwatch maintenance add https://gis.example.com/portal --zone Europe/Berlin --weekly sun --from 02:00 --to 04:00');
  if (!options.zone) throw new UsageError('maintenance add needs --zone <IANA zone>, e.g. --zone Europe/Berlin: the window is read in that zone');
  const when = whenOf(options);
  return withService(cli, { changesConfig: true }, async (opened) => {
    const portalId = portalIdOf(opened, portalUrl);
    const saved = await opened.service.routing.addMaintenance({ portalId, label: options.label ?? '', timeZone: options.zone, when });
    cli.out(`Added maintenance window ${saved.id} for ${portalId}: ${describeWhen(saved)}. Remove: taskwatch maintenance remove ${saved.id}`);
    return EXIT.ok;
  });
}

export async function maintenanceList(cli: Cli, json: boolean): Promise<number> {
  return withService(cli, { readOnly: true }, async (opened) => {
    const line = (window: MaintenanceWindow) =>
      `${window.id}  ${window.portalId}  ${window.label ? `${window.label}: ` : ''}${describeWhen(window)}${isWindowOpen(window, Date.now()) ? '  OPEN NOW' : ''}`;
    const empty = 'No maintenance windows. Add one: taskwatch maintenance add <portal> --zone <IANA> --weekly sun --from 02:00 --to 04:00';
    printList(cli, json, opened.service.routing.maintenanceWindows(), empty, line);
    return EXIT.ok;
  });
}

export async function maintenanceRemove(cli: Cli, id: string | undefined): Promise<number> {
  if (!id) throw new UsageError('maintenance remove needs the window id as shown by taskwatch maintenance list');
  return withService(cli, { changesConfig: true }, async (opened) => {
    await opened.service.routing.removeMaintenance(id);
    cli.out(`Removed maintenance window ${id}.`);
    return EXIT.ok;
  });
}

/** Exactly one of --once START END, --weekly with --from and --to, or --cron with --minutes. */
function whenOf(options: MaintenanceAddOptions): MaintenanceWhen {
  const chosen = [options.once, options.weekly, options.cron].filter((way) => way !== undefined).length;
  if (chosen !== 1) throw new UsageError('maintenance add needs exactly one of --once START END, --weekly <day,...> --from HH:MM --to HH:MM, or --cron <Quartz> --minutes <n>');
  if (options.once) {
    if (options.onceTimes.length !== 2) throw new UsageError('--once needs a start and an end in the zone, e.g. --once 2026-11-28T22:00 2026-11-29T02:00');
    return { kind: 'once', start: options.onceTimes[0]!, end: options.onceTimes[1]! };
  }
  if (options.onceTimes.length > 0) throw new UsageError(`Too many arguments for maintenance add: "${options.onceTimes.join(' ')}". Run taskwatch --help.`);
  if (options.weekly !== undefined) {
    const days = options.weekly.split(',').map((day) => day.trim().toLowerCase());
    const unknown = days.find((day) => !Weekday.safeParse(day).success);
    if (unknown !== undefined) throw new UsageError(`Unknown weekday "${unknown}": use ${Weekday.options.join(', ')}.`);
    if (!options.from || !options.to) throw new UsageError('--weekly needs --from HH:MM and --to HH:MM (a --to before --from runs past midnight)');
    return { kind: 'weekly', days: days as Weekday[], start: options.from, end: options.to };
  }
  const minutes = Number(options.minutes);
  if (options.minutes === undefined || !Number.isInteger(minutes) || minutes < 1) throw new UsageError('--cron needs --minutes <n>: how long each window stays open, a whole number of minutes');
  return { kind: 'cron', cron: options.cron!, durationMinutes: minutes };
}

function describeWhen({ when, timeZone }: MaintenanceWindow): string {
  if (when.kind === 'once') return `once ${when.start} to ${when.end} ${timeZone}`;
  if (when.kind === 'weekly') return `weekly ${when.days.join(',')} ${when.start}-${when.end} ${timeZone}`;
  return `cron "${when.cron}" for ${when.durationMinutes} min ${timeZone}`;
}
