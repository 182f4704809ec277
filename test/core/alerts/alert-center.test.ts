import { describe, expect, it } from 'vitest';
import { Settings } from '../../../src-main/contract/models';
import { alertKinds, type AlertKind } from '../../../src-main/contract/vocabulary';
import { AlertCenter } from '../../../src-main/core/alerts/alert-center';
import { emptyState, type Alert } from '../../../src-main/core/store/state';
import { ManualClock, RecordingNotifier } from '../../support/core-harness';

const NOW = Date.UTC(2026, 10, 20, 12);
const PORTAL = 'https://gis.example.com/portal';
const alert = (key: string, kind: AlertKind = 'failed-run'): Alert => ({ key, kind, portalId: PORTAL, title: `title ${key}`, body: 'body', createdAt: NOW });

function center(settings = Settings.parse({})) {
  const state = emptyState();
  const notifier = new RecordingNotifier();
  const saves: number[] = [];
  const delivered: Alert[] = [];
  const alerts = new AlertCenter({
    state,
    notifier,
    settings: () => settings,
    clock: new ManualClock(NOW),
    persist: async () => void saves.push(state.outbox.length),
    onDelivered: (one) => delivered.push(one),
    portalUrl: () => PORTAL,
  });
  return { alerts, state, notifier, saves, delivered };
}

describe('alert center', () => {
  it('raises a key once, ever, and saves the outbox before showing anything', async () => {
    const { alerts, notifier, saves, state } = center();
    expect(alerts.raise([alert('a'), alert('a')])).toHaveLength(1);
    await alerts.flush();
    expect(alerts.raise([alert('a')])).toEqual([]);
    await alerts.flush();
    expect(notifier.shown.map((shown) => shown.title)).toEqual(['title a']);
    expect(saves[0]).toBe(1);
    expect(state.outbox).toEqual([]);
  });

  it('groups what waited into one summary, and reports each alert on its own', async () => {
    const { alerts, notifier, delivered } = center();
    alerts.raise([alert('a'), alert('b', 'overdue'), alert('c', 'runs-unreadable')]);
    await alerts.flush();
    expect(notifier.shown).toHaveLength(1);
    expect(notifier.shown[0]!.title).toBe('Taskwatch: 3 problems on 1 portal');
    expect(delivered.map((one) => one.key)).toEqual(['a', 'b', 'c']);
  });

  it('follows the Settings switch the vocabulary names for each kind; a switched-off kind is not replayed later', async () => {
    for (const kind of Object.keys(alertKinds) as AlertKind[]) {
      const settings = Settings.parse({});
      settings.notify[alertKinds[kind].notify] = false;
      const { alerts, notifier } = center(settings);
      expect(alerts.raise([alert('k', kind)])).toEqual([]);
      settings.notify[alertKinds[kind].notify] = true;
      expect(alerts.raise([alert('k', kind)])).toEqual([]);
      await alerts.flush();
      expect(notifier.shown).toEqual([]);
    }
  });

  it('holds notifications while paused and delivers them once the pause is over', async () => {
    const settings = Settings.parse({ notificationsPausedUntil: NOW + 60_000 });
    const { alerts, notifier, state } = center(settings);
    alerts.raise([alert('a')]);
    await alerts.flush();
    expect(notifier.shown).toEqual([]);
    expect(state.outbox).toHaveLength(1);
    settings.notificationsPausedUntil = null;
    await alerts.flush();
    expect(notifier.shown).toHaveLength(1);
  });
});
