import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../src-main/core/ports';
import { TRAY_TASK_LIMIT, TrayService, tomorrowAtEight, type TrayActions } from '../../src-main/shell/tray';
import { trayStateOf } from '../../src-main/shell/tray-state';
import { Menu, Tray, resetFakeElectron } from './fake-electron';
import { portalView, snapshotWith, taskSummary } from './fake-service';

vi.mock('electron', () => import('./fake-electron'));

/** A clock the test moves by hand; timers fire when their time comes. */
function manualClock(start: number) {
  let now = start;
  const timers: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];
  const clock: Clock & { advance(ms: number): void; pending(): number } = {
    now: () => now,
    setTimeout(callback, ms) {
      const timer = { at: now + ms, callback, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
    advance(ms) {
      now += ms;
      for (const timer of timers.filter((t) => !t.cancelled && t.at <= now)) {
        timer.cancelled = true;
        timer.callback();
      }
    },
    pending: () => timers.filter((t) => !t.cancelled).length,
  };
  return clock;
}

const NOW = new Date(2026, 10, 23, 14, 30).getTime();
const prod = portalView();

function setUp(platform: NodeJS.Platform = 'linux') {
  const actions: TrayActions = { openWindow: vi.fn(), showTask: vi.fn(), pollNow: vi.fn(), pauseNotificationsUntil: vi.fn(), quit: vi.fn() };
  const clock = manualClock(NOW);
  const createTray = vi.fn((icon) => new Tray(icon));
  // The fake Tray stands in for Electron's; the service only needs what it calls.
  const service = new TrayService({ iconDir: '/icons', platform, clock, actions, createTray: createTray as never });
  const tray = () => Tray.instances[0]!;
  const item = (id: string) => tray().menu!.getMenuItemById(id);
  return { service, actions, clock, createTray, tray, item };
}

const withTasks = (...healths: Array<'ok' | 'failed' | 'overdue' | 'stuck'>) =>
  trayStateOf(snapshotWith({ portals: [prod], tasks: healths.map((health, i) => taskSummary({ id: `t${i}`, title: `Task ${i}`, health })) }));

describe('TrayService', () => {
  beforeEach(() => resetFakeElectron());

  it.each([
    ['ok', withTasks('ok', 'ok'), '/icons/ok-32.png', 'Taskwatch — all 2 tasks OK'],
    ['warning', withTasks('ok', 'overdue'), '/icons/warning-32.png', 'Taskwatch — 1 overdue'],
    ['failed', withTasks('failed', 'overdue'), '/icons/failed-32.png', 'Taskwatch — 1 failed, 1 overdue'],
  ] as const)('draws the %s state: icon, tooltip and menu together', (_level, state, icon, tooltip) => {
    const { service, tray, item } = setUp();
    service.update(state);
    expect(tray().image.path).toBe(icon);
    expect(tray().tooltip).toBe(tooltip);
    for (const id of ['open', 'poll-now', 'pause-hour', 'pause-tomorrow', 'quit']) expect(item(id), id).not.toBeNull();
  });

  it('uses template images on macOS and 16 px icons on Windows', () => {
    const mac = setUp('darwin');
    mac.service.update(withTasks('failed'));
    expect(mac.tray().image).toMatchObject({ path: '/icons/failedTemplate.png', template: true });
    resetFakeElectron();
    const windows = setUp('win32');
    windows.service.update(withTasks('ok'));
    expect(windows.tray().image).toMatchObject({ path: '/icons/ok-16.png', template: false });
  });

  it('lists failing tasks, worst first, and each opens its history', () => {
    const { service, item, actions } = setUp();
    service.update(withTasks('overdue', 'failed'));
    expect(item('task-0').label).toBe('Task 1 (GIS Prod) — failed');
    expect(item('task-1').label).toBe('Task 0 (GIS Prod) — overdue');
    item('task-1').click();
    expect(actions.showTask).toHaveBeenCalledWith({ portalId: prod.id, taskId: 't0' });
  });

  it(`caps the list at ${TRAY_TASK_LIMIT} tasks and says how many more`, () => {
    const { service, item, tray, actions } = setUp();
    service.update(withTasks(...Array<'failed'>(11).fill('failed')));
    const taskItems = tray().menu!.items.filter((i: { id?: string }) => i.id?.startsWith('task-') && i.id !== 'task-more');
    expect(taskItems).toHaveLength(TRAY_TASK_LIMIT);
    expect(item('task-more').label).toBe('and 3 more…');
    item('task-more').click();
    expect(actions.openWindow).toHaveBeenCalled();
  });

  it('shows a literal & in a task title', () => {
    const { service, item } = setUp();
    service.update(trayStateOf(snapshotWith({ portals: [prod], tasks: [taskSummary({ title: 'Logs & caches', health: 'failed' })] })));
    expect(item('task-0').label).toBe('Logs && caches (GIS Prod) — failed');
  });

  it('ignores an unchanged state and redraws on a changed one', () => {
    const { service, tray, createTray } = setUp();
    service.update(withTasks('ok'));
    service.update(withTasks('ok'));
    expect(createTray).toHaveBeenCalledOnce();
    expect(Menu.buildFromTemplate).toHaveBeenCalledOnce();
    service.update(withTasks('failed'));
    expect(Menu.buildFromTemplate).toHaveBeenCalledTimes(2);
    expect(createTray).toHaveBeenCalledOnce();
    expect(tray().image.path).toBe('/icons/failed-32.png');
  });

  it('menu items call their actions; clicking the icon opens the window', () => {
    const { service, item, actions, tray } = setUp();
    service.update(withTasks('ok'));
    item('open').click();
    item('poll-now').click();
    item('pause-hour').click();
    item('pause-tomorrow').click();
    item('quit').click();
    tray().emit('click');
    expect(actions.openWindow).toHaveBeenCalledTimes(2);
    expect(actions.pollNow).toHaveBeenCalledOnce();
    expect(actions.pauseNotificationsUntil).toHaveBeenNthCalledWith(1, NOW + 3_600_000);
    expect(actions.pauseNotificationsUntil).toHaveBeenNthCalledWith(2, new Date(2026, 10, 24, 8, 0).getTime());
    expect(actions.quit).toHaveBeenCalledOnce();
  });

  it('offers Resume while paused, and redraws by itself when the pause runs out', () => {
    const { service, item, actions, clock } = setUp();
    const state = withTasks('ok');
    service.update({ ...state, notificationsPausedUntil: NOW + 60_000 });
    expect(item('pause-hour')).toBeNull();
    expect(item('paused-until').label).toMatch(/^Notifications paused until .*31/);
    item('resume').click();
    expect(actions.pauseNotificationsUntil).toHaveBeenCalledWith(null);

    clock.advance(61_000);
    expect(item('resume')).toBeNull();
    expect(item('pause-hour')).not.toBeNull();
    expect(clock.pending()).toBe(0);
  });

  it('removes the icon on destroy', () => {
    const { service, tray, clock } = setUp();
    service.update({ ...withTasks('ok'), notificationsPausedUntil: NOW + 60_000 });
    service.destroy();
    expect(tray().destroyed).toBe(true);
    expect(clock.pending()).toBe(0);
  });
});

describe('tomorrowAtEight', () => {
  it('is 08:00 local on the next calendar day, also just after midnight', () => {
    expect(tomorrowAtEight(new Date(2026, 11, 31, 23, 59).getTime())).toBe(new Date(2027, 0, 1, 8, 0).getTime());
    expect(tomorrowAtEight(new Date(2026, 5, 1, 0, 5).getTime())).toBe(new Date(2026, 5, 2, 8, 0).getTime());
  });
});
