import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { describeIssues } from '../../contract/issues';
import { MaintenanceInput, MuteInput, type MaintenanceWindow, type Mute } from '../../contract/routing';
import { TaskwatchError } from '../errors';
import type { ConfigFile } from '../store/config';
import { windowProblem } from './maintenance-window';

export interface RoutingDirectoryOptions {
  config: ConfigFile;
  saveConfig: () => Promise<void>;
  now: () => number;
}

const invalid = (error: z.ZodError, what: string) => new TaskwatchError('invalid-input', describeIssues(error, what));

/**
 * The mutes and maintenance windows in config.json: what the window and the CLI add and remove. What they
 * hold back, and when, is decided where alerts are sent.
 */
export class RoutingDirectory {
  constructor(private readonly options: RoutingDirectoryOptions) {}

  mutes(): Mute[] {
    return this.options.config.mutes;
  }

  maintenanceWindows(): MaintenanceWindow[] {
    return this.options.config.maintenance;
  }

  async mute(input: unknown): Promise<Mute> {
    const parsed = MuteInput.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error, 'mute');
    this.#portal(parsed.data.portalId);
    const { until } = parsed.data;
    if (until.kind === 'time' && until.at <= this.options.now()) throw new TaskwatchError('invalid-input', 'A mute must last until a time still to come.');
    const mute: Mute = { ...parsed.data, id: randomUUID(), createdAt: this.options.now() };
    this.options.config.mutes.push(mute);
    await this.options.saveConfig();
    return mute;
  }

  async unmute(id: string): Promise<void> {
    const { config } = this.options;
    const index = config.mutes.findIndex((mute) => mute.id === id);
    if (index < 0) throw new TaskwatchError('not-found', `No mute with id ${id}.`);
    config.mutes.splice(index, 1);
    await this.options.saveConfig();
  }

  async addMaintenance(input: unknown): Promise<MaintenanceWindow> {
    const parsed = MaintenanceInput.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error, 'maintenance window');
    this.#portal(parsed.data.portalId);
    const problem = windowProblem(parsed.data.when, parsed.data.timeZone);
    if (problem) throw new TaskwatchError('invalid-input', problem);
    const window: MaintenanceWindow = { ...parsed.data, id: randomUUID() };
    this.options.config.maintenance.push(window);
    await this.options.saveConfig();
    return window;
  }

  async removeMaintenance(id: string): Promise<void> {
    const { config } = this.options;
    const index = config.maintenance.findIndex((window) => window.id === id);
    if (index < 0) throw new TaskwatchError('not-found', `No maintenance window with id ${id}.`);
    config.maintenance.splice(index, 1);
    await this.options.saveConfig();
  }

  #portal(portalId: string): void {
    if (!this.options.config.portals.some((portal) => portal.id === portalId)) {
      throw new TaskwatchError('not-found', `No portal with id ${portalId}; see taskwatch portal list.`);
    }
  }
}
