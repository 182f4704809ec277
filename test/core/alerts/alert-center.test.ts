import { describe, expect, it } from 'vitest';
import { Settings } from '../../../src-main/contract/models';
import { alertKinds, type AlertKind } from '../../../src-main/contract/vocabulary';
import { AlertCenter } from '../../../src-main/core/alerts/alert-center';
import { emptyState, type Alert } from '../../../src-main/core/store/state';
import { ManualClock, RecordingNotifier } from '../../support/core-harness';

const NOW = Date.UTC(2026, 10, 20, 12);
const PORTAL = 'https://gis.example.com/portal';
const alert = (key: string, kind: AlertKind = 'failed-run'): Alert => ({ key, kind, portalId: PORTAL, title: `title ${key}`, body: 'body', createdAt: NOW });

/** A notification service that refuses while `down` is true, as one that is not running does. */
class FlakyNotifier extends RecordingNotifier {
  down = false;
  attempts = 0;
  override async notify(notification: Parameters<RecordingNotifier['notify']>[0]) {
    this.attempts += 1;
    if (this.down) throw new Error('A desktop notification could not be shown: no notification service.');
    await super.notify(notification);
  }
}

function center(settings = Settings.parse({}), state = emptyState()) {
  const notifier = new FlakyNotifier();
  const clock = new ManualClock(NOW);
  const saves: number[] = [];
  const delivered: Alert[] = [];
  let undeliveredChanges = 0;
  const alerts = new AlertCenter({
    state,
    notifier,
    settings: () => settings,
    clock,
    persist: async () => void saves.push(state.outbox.length),
    onDelivered: (one) => delivered.push(one),
    onUndelivered: () => void (undeliveredChanges += 1),
    portalUrl: () => PORTAL,
  });
  return { alerts, state, notifier, clock, saves, delivered, undeliveredChanges: () => undeliveredChanges };
}

/** Moves the clock minute by minute, letting each retry that falls due run. */
async function minutesPass(clock: ManualClock, alerts: AlertCenter, minutes: number) {
  for (let minute = 0; minute < minutes; minute++) {
    clock.advance(60_000);
    await alerts.flush();
  }
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

  it('retries a notification the OS did not take after 1, 2, 4 ... minutes, and prints each alert once', async () => {
    const { alerts, notifier, clock, state, delivered } = center();
    notifier.down = true;
    alerts.raise([alert('a')]);
    await alerts.flush();
    expect(state.outbox).toHaveLength(1);
    expect(state.delivery).toMatchObject({ failures: 1, nextAttemptAt: NOW + 60_000 });
    await minutesPass(clock, alerts, 7);
    expect(notifier.attempts).toBe(4); // at 0, 1, 3 and 7 minutes
    notifier.down = false;
    await minutesPass(clock, alerts, 8);
    expect(notifier.shown.map((shown) => shown.title)).toEqual(['title a']);
    expect(delivered.map((one) => one.key)).toEqual(['a']);
    expect([state.outbox, state.delivery, state.undelivered]).toEqual([[], null, []]);
  });

  it('gives up after an hour of failures and keeps the alert as not delivered, for the window', async () => {
    const { alerts, notifier, clock, state, undeliveredChanges } = center();
    notifier.down = true;
    alerts.raise([alert('a'), alert('b')]);
    await alerts.flush();
    await minutesPass(clock, alerts, 70);
    expect(notifier.attempts).toBe(7); // 0, 1, 3, 7, 15, 31 and 63 minutes
    expect(state.outbox).toEqual([]);
    expect(state.undelivered.map((one) => one.key)).toEqual(['b', 'a']);
    expect(undeliveredChanges()).toBe(1);
    await minutesPass(clock, alerts, 120);
    expect(notifier.attempts).toBe(7);
  });

  it('tries news at once, even while an older notification waits for its retry', async () => {
    const { alerts, notifier, state } = center();
    notifier.down = true;
    alerts.raise([alert('a')]);
    await alerts.flush();
    notifier.down = false;
    alerts.raise([alert('b')]);
    await alerts.flush();
    expect(notifier.shown.map((shown) => shown.title)).toEqual(['Taskwatch: 2 problems on 1 portal']);
    expect(state.outbox).toEqual([]);
  });

  it('after a restart, waits out a retry that was pending and does not print its alerts again', async () => {
    const first = center();
    first.notifier.down = true;
    first.alerts.raise([alert('a')]);
    await first.alerts.flush();
    first.alerts.stop();
    const restarted = center(Settings.parse({}), structuredClone(first.state));
    await restarted.alerts.flush();
    expect(restarted.notifier.attempts).toBe(0);
    await minutesPass(restarted.clock, restarted.alerts, 1);
    expect(restarted.notifier.shown).toHaveLength(1);
    expect(restarted.delivered).toEqual([]);
  });

  it('prints an alert raised while the outbox was being saved, with the notification that shows it', async () => {
    const state = emptyState();
    const notifier = new RecordingNotifier();
    const delivered: string[] = [];
    let saves = 0;
    const alerts: AlertCenter = new AlertCenter({
      state,
      notifier,
      settings: () => Settings.parse({}),
      clock: new ManualClock(NOW),
      // A poll that ends during the first save raises another alert.
      persist: async () => void (++saves === 1 && alerts.raise([alert('b')])),
      onDelivered: (one) => delivered.push(one.key),
      portalUrl: () => PORTAL,
    });
    alerts.raise([alert('a')]);
    await alerts.flush();
    expect(notifier.shown.map((shown) => shown.title)).toEqual(['Taskwatch: 2 problems on 1 portal']);
    expect(delivered).toEqual(['a', 'b']);
    expect(state.outbox).toEqual([]);
  });
});
