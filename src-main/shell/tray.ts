/**
 * One class owns the tray icon (after Signal's SystemTrayService): `update` ignores a state equal to the
 * last one; otherwise one private render rebuilds icon, tooltip and menu together, so they never disagree.
 */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { TaskRef } from '../contract/models';
import type { Clock } from '../core/ports';
import { trayIconPath } from './tray-icons';
import type { TrayState } from './tray-state';

/** The tray lists at most this many tasks; the rest become "and N more". */
export const TRAY_TASK_LIMIT = 8;
/** setTimeout's ceiling: a longer delay would fire at once and re-render in a loop. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface TrayActions {
  openWindow(): void;
  showTask(ref: TaskRef): void;
  pollNow(): void;
  /** null resumes notifications. */
  pauseNotificationsUntil(until: number | null): void;
  quit(): void;
}

export interface TrayServiceOptions {
  iconDir: string;
  platform: NodeJS.Platform;
  clock: Clock;
  actions: TrayActions;
  /** Injected so tests can inspect the tray; defaults to a real one. */
  createTray?: (icon: NativeImage) => Tray;
}

export class TrayService {
  readonly #options: TrayServiceOptions;
  #tray: Tray | null = null;
  #state: TrayState | null = null;
  #stateKey = '';
  #cancelPauseTimer: (() => void) | null = null;

  constructor(options: TrayServiceOptions) {
    this.#options = options;
  }

  update(state: TrayState): void {
    const key = JSON.stringify(state);
    if (key === this.#stateKey) return;
    this.#state = state;
    this.#stateKey = key;
    this.#render();
  }

  destroy(): void {
    this.#cancelPauseTimer?.();
    this.#tray?.destroy();
    this.#tray = null;
  }

  #render(): void {
    const state = this.#state;
    if (!state) return;
    const { platform, iconDir, createTray = (icon) => new Tray(icon) } = this.#options;
    const icon = nativeImage.createFromPath(trayIconPath(iconDir, state.level, platform));
    if (platform === 'darwin') icon.setTemplateImage(true);

    if (!this.#tray) {
      this.#tray = createTray(icon);
      this.#tray.on('click', () => this.#options.actions.openWindow());
    } else {
      this.#tray.setImage(icon);
    }
    this.#tray.setToolTip(state.tooltip);
    // Linux indicators only pick up menu changes through a fresh setContextMenu, so always set a new one.
    this.#tray.setContextMenu(Menu.buildFromTemplate(this.#menu(state)));
    this.#schedulePauseEnd(state.notificationsPausedUntil);
  }

  #menu(state: TrayState): MenuItemConstructorOptions[] {
    const { actions, clock } = this.#options;
    const listed = state.attention.slice(0, TRAY_TASK_LIMIT);
    const more = state.attention.length - listed.length;
    const paused = state.notificationsPausedUntil !== null && state.notificationsPausedUntil > clock.now();

    const tasks: MenuItemConstructorOptions[] = listed.map((task, index) => ({
      id: `task-${index}`,
      label: escapeMnemonics(task.label),
      click: () => actions.showTask(task.ref),
    }));
    if (more > 0) tasks.push({ id: 'task-more', label: `and ${more} more…`, click: () => actions.openWindow() });

    const notifications: MenuItemConstructorOptions[] = paused
      ? [
          { id: 'paused-until', label: `Notifications paused until ${formatPauseEnd(state.notificationsPausedUntil!, clock.now())}`, enabled: false },
          { id: 'resume', label: 'Resume notifications', click: () => actions.pauseNotificationsUntil(null) },
        ]
      : [
          { id: 'pause-hour', label: 'Pause notifications for 1 hour', click: () => actions.pauseNotificationsUntil(clock.now() + 3_600_000) },
          { id: 'pause-tomorrow', label: 'Pause notifications until tomorrow 08:00', click: () => actions.pauseNotificationsUntil(tomorrowAtEight(clock.now())) },
        ];

    return [
      { id: 'open', label: 'Open Taskwatch', click: () => actions.openWindow() },
      { id: 'poll-now', label: 'Poll now', click: () => actions.pollNow() },
      ...(tasks.length > 0 ? [{ type: 'separator' } as const, ...tasks] : []),
      { type: 'separator' },
      ...notifications,
      { type: 'separator' },
      { id: 'quit', label: 'Quit Taskwatch', click: () => actions.quit() },
    ];
  }

  /** The menu says "Resume" while paused; when the pause runs out on its own, redraw it. */
  #schedulePauseEnd(until: number | null): void {
    this.#cancelPauseTimer?.();
    this.#cancelPauseTimer = null;
    const remaining = until === null ? 0 : until - this.#options.clock.now();
    if (remaining <= 0) return;
    this.#cancelPauseTimer = this.#options.clock.setTimeout(() => this.#render(), Math.min(remaining + 1, MAX_TIMER_MS));
  }
}

/** 08:00 local time on the next calendar day. */
export function tomorrowAtEight(now: number): number {
  const date = new Date(now);
  date.setDate(date.getDate() + 1);
  date.setHours(8, 0, 0, 0);
  return date.getTime();
}

function formatPauseEnd(until: number, now: number): string {
  const sameDay = new Date(until).toDateString() === new Date(now).toDateString();
  return new Date(until).toLocaleString(undefined, { hour: '2-digit', minute: '2-digit', ...(sameDay ? {} : { weekday: 'short' }) });
}

/** A single & in a menu label is an access key (electron/electron#25028); && shows one. */
function escapeMnemonics(label: string): string {
  return label.replaceAll('&', '&&');
}
