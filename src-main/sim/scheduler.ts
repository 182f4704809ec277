/**
 * Live mode: runs each active task at its Quartz cron times against the injected (or real) clock, with
 * the task's scripted outcome. Each `tick()` catches up from the previous one, so a test can move its
 * clock and tick, while the demo ticks every second on the real clock.
 */
import { Cron } from 'croner';
import { failureText, successText, typicalDurationMs } from './run-texts';
import type { TaskStore } from './task-store';
import type { StoredTask } from './task-json';

/** A clock jump of years must not become millions of runs. */
const MAX_RUNS_PER_TICK = 500;

interface PendingRun {
  end: number;
  status: string;
  result: string;
}

export class SimScheduler {
  readonly #store: TaskStore;
  readonly #now: () => number;
  readonly #timeZone: string;
  readonly #crons = new Map<string, Cron | null>();
  readonly #pending = new Map<string, PendingRun>();
  readonly #runCounts = new Map<string, number>();
  readonly #stalled = new Set<string>();
  #lastTick: number;
  #timer: NodeJS.Timeout | null = null;

  constructor(store: TaskStore, now: () => number, timeZone: string) {
    this.#store = store;
    this.#now = now;
    this.#timeZone = timeZone;
    this.#lastTick = now();
  }

  /** The task stays active but stops running, as a wedged scheduler would leave it. */
  stall(taskId: string): void {
    this.#store.get(taskId);
    this.#stalled.add(taskId);
  }

  resume(taskId: string): void {
    this.#stalled.delete(taskId);
  }

  start(intervalMs = 1000): void {
    this.stop();
    this.#lastTick = this.#now();
    this.#timer = setInterval(() => this.tick(), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Starts and completes every run due since the last tick. Returns how many runs started. */
  tick(): number {
    const now = this.#now();
    const from = this.#lastTick;
    this.#lastTick = Math.max(from, now);
    let started = 0;
    for (const task of this.#store.list()) {
      this.#finishDue(task.id, now);
      if (!task.active || task.source.stalled || this.#stalled.has(task.id)) continue;
      for (const at of this.#occurrences(task.cronExpression, from, now)) {
        this.#finishDue(task.id, at);
        if (this.#pending.has(task.id)) continue; // still running: this occurrence is missed
        this.#begin(task, at);
        this.#finishDue(task.id, now);
        started += 1;
      }
    }
    return started;
  }

  #occurrences(expression: string, from: number, to: number): number[] {
    const cron = this.#cronFor(expression);
    const times: number[] = [];
    for (let next = cron?.nextRun(new Date(from)); next && next.getTime() <= to && times.length < MAX_RUNS_PER_TICK; next = cron!.nextRun(next)) {
      times.push(next.getTime());
    }
    return times;
  }

  #cronFor(expression: string): Cron | null {
    if (!this.#crons.has(expression)) {
      let cron: Cron | null = null;
      try {
        // Quartz numbers weekdays 1 = Sunday ... 7 = Saturday; croner's alternativeWeekdays does the same.
        cron = new Cron(expression, { timezone: this.#timeZone, alternativeWeekdays: true, paused: true });
      } catch {
        cron = null; // an expression croner cannot read: the task never runs, as a broken schedule would
      }
      this.#crons.set(expression, cron);
    }
    return this.#crons.get(expression)!;
  }

  #begin(task: StoredTask, at: number): void {
    const script = task.source.script ?? {};
    const count = (this.#runCounts.get(task.id) ?? 0) + 1;
    this.#runCounts.set(task.id, count);
    const fails = script.failEvery !== undefined && script.failEvery > 0 && count % script.failEvery === 0;
    this.#store.startRun(task.id, at);
    this.#pending.set(task.id, {
      end: at + (script.durationMs ?? typicalDurationMs(task.taskType)),
      status: fails ? (script.failStatus ?? 'failed') : (script.status ?? 'succeeded'),
      result: fails ? (script.failResult ?? failureText(task.taskType)) : (script.result ?? successText(task.taskType, at)),
    });
  }

  #finishDue(taskId: string, now: number): void {
    const pending = this.#pending.get(taskId);
    if (!pending || pending.end > now) return;
    this.#pending.delete(taskId);
    if (this.#store.has(taskId)) this.#store.completeRun(taskId, { status: pending.status, result: pending.result, at: pending.end });
  }
}
