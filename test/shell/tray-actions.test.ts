import { describe, expect, it, vi } from 'vitest';
import { trayActionsFor } from '../../src-main/shell/tray-actions';
import { FakeService, recordingLogger, snapshotWith } from './fake-service';

vi.mock('electron', () => import('./fake-electron'));

const NOW = new Date(2026, 10, 23, 14, 30).getTime();

describe('tray actions', () => {
  function wire() {
    const service = new FakeService();
    service.current = snapshotWith();
    service.current.settings = { ...service.current.settings, startAtLogin: true, pollIntervalSeconds: 300 };
    const window = { show: vi.fn(), showTask: vi.fn() };
    const quit = vi.fn();
    const logger = recordingLogger();
    return { service, window, quit, logger, actions: trayActionsFor({ service, window, quit, logger }) };
  }

  it('Poll now calls the pollNow handler', async () => {
    const { service, actions } = wire();
    actions.pollNow();
    await vi.waitFor(() => expect(service.handlers.pollNow).toHaveBeenCalledWith({}));
  });

  it('pausing changes only notificationsPausedUntil', async () => {
    const { service, actions } = wire();
    actions.pauseNotificationsUntil(NOW + 3_600_000);
    await vi.waitFor(() => expect(service.handlers.updateSettings).toHaveBeenCalledOnce());
    expect(service.handlers.updateSettings.mock.calls[0]![0]).toEqual({ notificationsPausedUntil: NOW + 3_600_000 });
    actions.pauseNotificationsUntil(null);
    await vi.waitFor(() => expect(service.handlers.updateSettings).toHaveBeenCalledTimes(2));
    expect(service.handlers.updateSettings.mock.calls[1]![0]).toEqual({ notificationsPausedUntil: null });
  });

  it('a failing handler is logged, not thrown', async () => {
    const { service, actions, logger } = wire();
    service.handlers.pollNow.mockRejectedValueOnce(new Error('boom'));
    actions.pollNow();
    await vi.waitFor(() => expect(logger.lines.some((l) => l.message === 'Tray action pollNow failed')).toBe(true));
  });

  it('open, show task and quit go to the window and the app', () => {
    const { window, quit, actions } = wire();
    actions.openWindow();
    actions.showTask({ portalId: 'p', taskId: 't' });
    actions.quit();
    expect(window.show).toHaveBeenCalledOnce();
    expect(window.showTask).toHaveBeenCalledWith({ portalId: 'p', taskId: 't' });
    expect(quit).toHaveBeenCalledOnce();
  });
});
