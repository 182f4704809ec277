import type { CommandHandlers } from '../../contract/api';
import type { Settings, SettingsPatch, Snapshot, TaskRef, TaskView } from '../../contract/models';
import { TaskwatchError } from '../errors';
import type { Monitor } from '../monitor/monitor';
import type { Clock } from '../ports';
import { portalView } from '../views/snapshot';
import { asJson, exportFileName, runsCsv, tasksCsv } from './export-data';
import type { PortalClients } from './portal-clients';
import type { PortalDirectory } from './portal-directory';
import type { ExpectedRunsBasis, RunHistories } from './run-history';
import { createRoutingHandlers, type RoutingHandlerDeps } from './routing-handlers';

export interface HandlerDeps {
  directory: PortalDirectory;
  clients: PortalClients;
  monitor: Monitor;
  snapshot: () => Snapshot;
  /** One task in full, built alone (not the whole snapshot); undefined when it is not known. */
  task: (ref: TaskRef) => TaskView | undefined;
  clock: Clock;
  updateSettings: (changes: SettingsPatch) => Promise<Settings>;
  afterPortalsChanged: () => Promise<void>;
  saveExport?: (suggestedFileName: string, content: string, format: 'csv' | 'json') => Promise<{ saved: boolean; fileName: string }>;
  openExternal?: (url: string) => Promise<void>;
  /** Histories read lately, so reopening one reads only what came since. */
  histories: RunHistories;
  /** A task's schedule as the monitor computed it, so a history can say when runs were due. */
  expectedRunsBasis?: (ref: TaskRef) => ExpectedRunsBasis | null;
  /** Channels, mutes and maintenance windows. */
  routing: RoutingHandlerDeps;
}

/** The contract's commands over the core. Inputs arrive already validated against the contract's schemas. */
export function createHandlers(deps: HandlerDeps): CommandHandlers {
  const { directory, clients, monitor } = deps;
  const viewOf = (portalId: string) => {
    const found = deps.snapshot().portals.find((portal) => portal.id === portalId);
    return found ?? portalView(directory.find(portalId), undefined, null);
  };

  return {
    getSnapshot: async () => deps.snapshot(),

    getTask: async (ref) => {
      const portal = directory.find(ref.portalId);
      const task = deps.task(ref);
      if (!task) throw new TaskwatchError('not-found', `${portal.url} lists no task "${ref.taskId}" (it may have been deleted on the portal).`);
      return task;
    },

    getRunHistory: async (ref) => historyOf(deps, ref),

    addPortal: async (input) => {
      const portal = await directory.add(input);
      await deps.afterPortalsChanged();
      monitor.pollSoon(portal.id);
      return viewOf(portal.id);
    },

    updatePortal: async (input) => {
      const portal = await directory.update(input);
      await deps.afterPortalsChanged();
      monitor.pollSoon(portal.id);
      return viewOf(portal.id);
    },

    testPortal: async (input) => directory.test(input),

    removePortal: async ({ id }) => {
      await directory.remove(id);
      await deps.afterPortalsChanged();
      return null;
    },

    pollNow: async ({ portalId }) => {
      if (portalId) directory.find(portalId);
      await monitor.pollNow(portalId);
      return null;
    },

    setTaskEnabled: async ({ portalId, taskId, enabled }) => {
      await clients.for(directory.find(portalId)).setTaskEnabled(taskId, enabled);
      await monitor.pollNow(portalId);
      return null;
    },

    updateSettings: async (changes) => deps.updateSettings(changes),

    exportData: async ({ format, runsOf }) => {
      if (!deps.saveExport) throw new TaskwatchError('internal', 'Saving files is not available in this window.');
      const { name, content } = runsOf ? await runsExport(deps, runsOf, format) : tasksExport(deps, format);
      return deps.saveExport(exportFileName(name, format, deps.clock.now()), content, format);
    },

    openExternal: async ({ url }) => {
      if (!isPortalPage(url, directory)) {
        throw new TaskwatchError('forbidden', 'Taskwatch only opens pages of the portals configured in it.');
      }
      if (!deps.openExternal) throw new TaskwatchError('internal', 'Opening links is not available in this window.');
      await deps.openExternal(url);
      return null;
    },

    ...createRoutingHandlers(deps.routing),
  };
}

function tasksExport(deps: HandlerDeps, format: 'csv' | 'json') {
  const { tasks, portals } = deps.snapshot();
  const label = (portalId: string) => portals.find((portal) => portal.id === portalId)?.label ?? portalId;
  if (format === 'csv') return { name: 'taskwatch-tasks', content: tasksCsv(tasks, label) };
  // The file has every task in full, parameters included, as the detail shows it.
  const full = tasks.map((task) => deps.task({ portalId: task.portalId, taskId: task.id }) ?? task);
  return { name: 'taskwatch-tasks', content: asJson({ tasks: full }) };
}

async function runsExport(deps: HandlerDeps, ref: TaskRef, format: 'csv' | 'json') {
  const portal = deps.directory.find(ref.portalId);
  const { runs, complete } = await historyOf(deps, ref);
  const task = deps.task(ref);
  const content = format === 'csv' ? runsCsv(runs) : asJson({ portal: portal.url, task: task ?? { id: ref.taskId }, complete, runs });
  return { name: `${task?.title ?? ref.taskId}-runs`, content };
}

function historyOf(deps: HandlerDeps, ref: TaskRef) {
  const api = deps.clients.for(deps.directory.find(ref.portalId));
  return deps.histories.read(api, ref, deps.task(ref)?.recentRuns ?? [], deps.clock.now(), deps.expectedRunsBasis?.(ref) ?? null);
}

/** Only https pages (or http on localhost) under a configured portal's own address may be opened. */
function isPortalPage(url: string, directory: PortalDirectory): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.username || target.password) return false;
  return directory.portals.some((portal) =>
    [portal.url, portal.adminUrl].some((root) => {
      const allowed = new URL(root);
      const path = allowed.pathname.replace(/\/$/, '');
      return target.origin === allowed.origin && (target.pathname === path || target.pathname.startsWith(`${path}/`));
    }),
  );
}
