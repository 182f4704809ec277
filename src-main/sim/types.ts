/** The simulated portal's vocabulary: tasks and runs as a test or the demo describes them. */

/** How dates are written: epoch ms, "Apr 21, 2021, 10:42:17 PM" in the portal's zone, or both (as seen in the reference). */
export type SimDateFormat = 'epoch' | 'text' | 'mixed';

/** What the live scheduler makes of each run of a task. */
export interface SimRunScript {
  /** How long a run takes. Default: 6 min for backups, 20 s for cleaners. */
  durationMs?: number;
  /** Every run ends with this word (default `succeeded`); e.g. `timedout` to test an unknown status. */
  status?: string;
  result?: string;
  /** Every Nth run fails (1 = all). */
  failEvery?: number;
  /** Default `failed`. */
  failStatus?: string;
  failResult?: string;
}

/** A run for the history, given by when it started. */
export interface SimRunInput {
  status: string;
  result: string;
  startedAt: number;
  /** Default 30 s. */
  durationMs?: number;
  runId?: string;
}

export interface SimTask {
  id: string;
  title: string;
  /** `CreateBackup`, `CleanGPJobs`, `BackupRetentionCleaner`, or any new word. */
  taskType: string;
  /** Default derived from taskType, e.g. `CREATE_BACKUP_TASK_TYPE`. */
  type?: string;
  /** Quartz: seconds first, `?` allowed, day-of-week 1 = Sunday ... 7 = Saturday. */
  cronExpression: string;
  /** Default true. */
  active?: boolean;
  /** Default `active` or `paused` after `active`. */
  taskState?: string;
  runIntervalSeconds?: number;
  startDate?: number | null;
  maxOccurrences?: number;
  lastStart?: number | null;
  created?: number;
  updated?: number;
  generation?: number;
  parameters?: Record<string, unknown>;
  /** Sent as-is next to the known fields (fields a later release may add). */
  extra?: Record<string, unknown>;
  /** Overrides the portal's date format for this task. */
  dateFormat?: SimDateFormat;
  history?: SimRunInput[];
  /** Live mode: how its runs turn out. */
  script?: SimRunScript;
  /** Live mode: stays active but never runs (to test overdue detection). */
  stalled?: boolean;
}

export interface SimRun {
  runId: string;
  status: string;
  result: string;
  startedAt: number;
  created: number;
  modified: number;
}

/** One portal's worth of tasks, with how that portal writes dates. */
export interface SimScenario {
  /** Short name, e.g. `gis-prod`. */
  name: string;
  label: string;
  /** The zone the portal writes its zone-less dates in. */
  timeZone: string;
  dateFormat: SimDateFormat;
  tasks: SimTask[];
}

/** `http-502`: a real HTTP 502 with a gateway's HTML page, as a reverse proxy answers when the portal is down. */
export type FailMode = 'html' | 'invalid-json' | 'error-500' | 'error-498' | 'hang' | 'reset' | 'http-502';

/** Which requests a failure applies to: a path substring, a pattern, or a test on the logged request. */
export type RequestMatch = string | RegExp | ((entry: RequestLogEntry) => boolean);

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  /** Path and query exactly as received: lets tests prove a token never travels in a URL. */
  url: string;
  /** Where the request carried a token, if it did. */
  tokenIn: 'header' | 'body' | 'query' | null;
  /** The failure injected into this request, if any. */
  injected: FailMode | null;
}
