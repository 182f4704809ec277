import type { Result, TaskwatchApi } from '$contract/api';
import type { Mute } from '$contract/routing';
import type { MaintenanceView, RoutingView } from '$contract/routing-view';

/**
 * Channels, mutes and maintenance windows as main last said. Asked for apart from the snapshot (which
 * stays lean), again whenever a snapshot arrives (deliveries and windows move on with the polls), and
 * replaced by every routing command's answer.
 */
export class RoutingStore {
  #view = $state.raw<RoutingView>({ channels: [], mutes: [], maintenance: [] });
  #loadError = $state<string | null>(null);
  readonly #api: TaskwatchApi;
  /** One question at a time; pushes meanwhile ask once more afterwards. */
  #asking = false;
  #askAgain = false;
  /** Counts commands' answers taken: a question asked before one of them may answer with what it changed. */
  #taken = 0;

  constructor(api: TaskwatchApi) {
    this.#api = api;
  }

  get channels() {
    return this.#view.channels;
  }
  get mutes() {
    return this.#view.mutes;
  }
  get maintenance() {
    return this.#view.maintenance;
  }
  get loadError() {
    return this.#loadError;
  }

  start(): () => void {
    const stop = this.#api.on('snapshot', () => void this.refresh());
    void this.refresh();
    return stop;
  }

  async refresh(): Promise<void> {
    if (this.#asking) {
      this.#askAgain = true;
      return;
    }
    this.#asking = true;
    try {
      do {
        this.#askAgain = false;
        const taken = this.#taken;
        const result = await this.#api.invoke('getRouting', {});
        if (taken !== this.#taken) this.#askAgain = true;
        else if (result.ok) this.#accept(result.value);
        else this.#loadError = result.error.message;
      } while (this.#askAgain);
    } finally {
      this.#asking = false;
    }
  }

  /** A routing command's answer is the whole routing anew: take it, and hand the result on. */
  take(result: Result<RoutingView>): Result<RoutingView> {
    if (result.ok) {
      this.#taken++;
      this.#accept(result.value);
    }
    return result;
  }

  /**
   * The mute that holds back this task's alerts now (its own first, else its portal's), or null. A mute
   * whose time has passed no longer counts, even before main has removed it.
   */
  muteOf(portalId: string, taskId: string | null, now: number): Mute | null {
    const live = (mute: Mute) => mute.portalId === portalId && (mute.until.kind === 'recovery' || mute.until.at > now);
    return (
      this.mutes.find((mute) => live(mute) && mute.taskId === taskId && taskId !== null) ??
      this.mutes.find((mute) => live(mute) && mute.taskId === null) ??
      null
    );
  }

  /** The portal's maintenance window open now, or null. */
  openWindowOf(portalId: string, now: number): MaintenanceView | null {
    return this.maintenance.find((window) => window.portalId === portalId && window.openUntil !== null && window.openUntil > now) ?? null;
  }

  #accept(view: RoutingView) {
    this.#view = view;
    this.#loadError = null;
  }
}
