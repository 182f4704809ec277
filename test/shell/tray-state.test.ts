import { describe, expect, it } from 'vitest';
import type { TaskHealth } from '../../src-main/contract/models';
import { trayStateOf } from '../../src-main/shell/tray-state';
import { portalView, snapshotWith, taskSummary } from './fake-service';

const prod = portalView();
const tasks = (healths: TaskHealth[]) =>
  healths.map((health, i) => taskSummary({ id: `t${i}`, title: `Task ${i}`, health }));

describe('trayStateOf', () => {
  it('is ok when every task is fine, and says how many', () => {
    const state = trayStateOf(snapshotWith({ portals: [prod], tasks: tasks(Array(14).fill('ok')) }));
    expect(state).toMatchObject({ level: 'ok', tooltip: 'Taskwatch — all 14 tasks OK', attention: [] });
  });

  it('says so when there is nothing to watch yet', () => {
    expect(trayStateOf(snapshotWith()).tooltip).toBe('Taskwatch — no portals yet');
    expect(trayStateOf(snapshotWith({ portals: [prod] })).tooltip).toBe('Taskwatch — no tasks yet');
  });

  it('is a warning for overdue or stuck tasks', () => {
    const state = trayStateOf(snapshotWith({ portals: [prod], tasks: tasks(['ok', 'overdue', 'stuck', 'paused', 'running']) }));
    expect(state.level).toBe('warning');
    expect(state.tooltip).toBe('Taskwatch — 1 stuck, 1 overdue');
  });

  it.each([
    ['unreachable', '1 portal unreachable'],
    ['auth-failed', '1 portal sign-in failed'],
    ['error', '1 portal in error'],
  ] as const)('is a warning when a portal is %s', (status, words) => {
    const portal = portalView({ health: { ...prod.health, status } });
    const state = trayStateOf(snapshotWith({ portals: [portal], tasks: tasks(['ok']) }));
    expect(state).toMatchObject({ level: 'warning', tooltip: `Taskwatch — ${words}` });
  });

  it('is failed when any run failed, worst first in tooltip and list', () => {
    const state = trayStateOf(snapshotWith({ portals: [prod], tasks: tasks(['overdue', 'failed', 'ok', 'failed']) }));
    expect(state.level).toBe('failed');
    expect(state.tooltip).toBe('Taskwatch — 2 failed, 1 overdue');
    expect(state.attention.map((t) => t.label)).toEqual([
      'Task 1 (GIS Prod) — failed',
      'Task 3 (GIS Prod) — failed',
      'Task 0 (GIS Prod) — overdue',
    ]);
    expect(state.attention[0]!.ref).toEqual({ portalId: prod.id, taskId: 't1' });
  });

  it('carries the notification pause from the settings', () => {
    const snapshot = snapshotWith();
    snapshot.settings.notificationsPausedUntil = 1_700_000_000_000;
    expect(trayStateOf(snapshot).notificationsPausedUntil).toBe(1_700_000_000_000);
  });
});
