/**
 * A tiny stand-in for the core service, for shell unit tests only (the real core is proven against real
 * portals elsewhere). Handlers are spies with plausible answers; snapshots are built from small pieces.
 */
import { vi } from 'vitest';
import type { CommandHandlers, EventName, EventPayload } from '../../src-main/contract/api';
import { Settings, applySettingsPatch, type PortalView, type SettingsPatch, type Snapshot, type TaskSummary } from '../../src-main/contract/models';
import type { RoutingView } from '../../src-main/contract/routing-view';
import type { Logger, LogLevel } from '../../src-main/core/ports';
import type { ShellService } from '../../src-main/shell/shell-service';

/** Where a packaged app's page, preload and tray icons are, as main.ts hands them to runShell. */
export const PACKAGED_APP_FILES = {
  pageUrl: 'file:///opt/Taskwatch/resources/app.asar/out/renderer/index.html',
  preloadPath: '/opt/Taskwatch/resources/app.asar/out/preload/index.cjs',
  iconDir: '/opt/Taskwatch/resources/tray',
};

export function portalView(overrides: Partial<PortalView> = {}): PortalView {
  return {
    id: 'https://gis.example.com/portal',
    url: 'https://gis.example.com/portal',
    label: 'GIS Prod',
    adminUrl: 'https://gis.example.com/portal/portaladmin',
    username: 'admin',
    timeZone: 'UTC',
    timeZoneSource: 'configured',
    timeZoneNote: null,
    fingerprint: null,
    pollIntervalSeconds: null,
    health: { status: 'ok', message: null, lastSuccessAt: 1, lastAttemptAt: 1, nextPollAt: 2 },
    ...overrides,
  };
}

export function taskSummary(overrides: Partial<TaskSummary> = {}): TaskSummary {
  return {
    portalId: 'https://gis.example.com/portal',
    id: 'task-1',
    title: 'Nightly backup',
    taskType: 'CreateBackup',
    state: 'active',
    active: true,
    cron: '0 0 2 * * ?',
    schedule: 'At 02:00 AM',
    timeZone: 'UTC',
    nextRun: null,
    lastStart: null,
    lastRun: null,
    recentOutcomes: [],
    notes: [],
    health: 'ok',
    healthMessage: '',
    ...overrides,
  };
}

export function snapshotWith(overrides: Partial<Snapshot> = {}): Snapshot {
  return { revision: 1, portals: [], tasks: [], problems: [], settings: Settings.parse({}), notices: [], undelivered: [], ...overrides };
}

export class FakeService implements ShellService {
  current: Snapshot = snapshotWith();
  routing: RoutingView = { channels: [], mutes: [], maintenance: [] };
  readonly listeners = new Set<(snapshot: Snapshot) => void>();
  readonly start = vi.fn(async () => {});
  readonly stop = vi.fn(async () => {});
  readonly handlers = {
    getSnapshot: vi.fn(async () => this.current),
    getTask: vi.fn(async () => ({ ...taskSummary(), recentRuns: [], parameters: {}, adminPageUrl: 'https://gis.example.com/portal/portaladmin/system/tasks/task-1' })),
    getRunHistory: vi.fn(async () => ({ runs: [], complete: true })),
    addPortal: vi.fn(async () => portalView()),
    updatePortal: vi.fn(async () => portalView()),
    testPortal: vi.fn(async () => ({ taskCount: 3 })),
    removePortal: vi.fn(async () => null),
    pollNow: vi.fn(async () => null),
    setTaskEnabled: vi.fn(async () => null),
    updateSettings: vi.fn(async (changes: SettingsPatch) => applySettingsPatch(this.current.settings, changes)),
    exportData: vi.fn(async () => ({ saved: true, fileName: 'tasks.csv' })),
    openExternal: vi.fn(async () => null),
    getRouting: vi.fn(async () => this.routing),
    saveChannel: vi.fn(async () => this.routing),
    removeChannel: vi.fn(async () => this.routing),
    testChannel: vi.fn(async () => null),
    mute: vi.fn(async () => this.routing),
    unmute: vi.fn(async () => this.routing),
    addMaintenance: vi.fn(async () => this.routing),
    removeMaintenance: vi.fn(async () => this.routing),
  } satisfies CommandHandlers;

  snapshot(): Snapshot {
    return this.current;
  }

  onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    if (event !== 'snapshot') return () => {};
    const typed = listener as (snapshot: Snapshot) => void;
    this.listeners.add(typed);
    return () => this.listeners.delete(typed);
  }

  /** What the core does when something changed. */
  push(snapshot: Snapshot): void {
    this.current = snapshot;
    for (const listener of this.listeners) listener(snapshot);
  }
}

export interface RecordingLogger extends Logger {
  lines: Array<{ level: LogLevel; message: string; fields?: Record<string, unknown> }>;
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  return { lines, log: (level, message, fields) => void lines.push({ level, message, fields }) };
}
