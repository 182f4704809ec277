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

/** A run for the history, given by when it started; the optional fields make the odd runs real portals send. */
export interface SimRunInput {
  status: string;
  result: string;
  startedAt: number;
  /** Default 30 s. */
  durationMs?: number;
  /** Default a new id; an older run's id makes a reused id; `null` leaves the field out of the answer. */
  runId?: string | null;
  /** Default the run's end; any time (e.g. in the future) as given; `null` is written as `"created": null`. */
  created?: number | null;
}

/** `addHourlyHistory`: `count` runs an hour apart from `from`, all succeeded except those at `failAt`. */
export interface SimHourlyHistory {
  /** Start of the first run (epoch ms). */
  from: number;
  count: number;
  /** Indices (0 = the oldest run) of the runs that fail. */
  failAt?: number[];
  /** Default `failed`. */
  failStatus?: string;
  failResult?: string;
  /** Default 30 s. */
  durationMs?: number;
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
  /** Absent: the answer has no `runId` field. */
  runId?: string;
  status: string;
  result: string;
  startedAt: number;
  /** `null`: written as null (the run still sorts by its start). */
  created: number | null;
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

/** What an injected failure makes of a request (`failNext`, `failAlways`). */
export type FailMode =
  /** Never answers; the socket stays open until the client gives up or the portal closes. */
  | 'hang'
  /** Destroys the connection before any answer. */
  | 'reset'
  /** The HTTP status with a proxy's HTML error page, as a load balancer in front of the portal sends. */
  | 'http-500'
  | 'http-502'
  | 'http-503'
  /** The SSO login page with HTTP 200. */
  | 'html'
  /** The admin directory page with HTTP 200: what the portal answers without `f=json`. */
  | 'directory-page'
  /** The answer with the reference sample's defect: no comma between the first two `result` items. */
  | 'missing-comma'
  /** The former name of `missing-comma`. */
  | 'invalid-json'
  /** The answer with a syntax error in the middle: a key loses its colon. */
  | 'malformed'
  /** The first part of the answer (`FaultOptions.fraction`), a complete HTTP response whose Content-Length fits it. */
  | 'truncated'
  /** Headers announce the whole answer, part of it is sent (`FaultOptions.fraction`), then the connection closes. */
  | 'cut-connection'
  /** A valid JSON answer padded past `FaultOptions.bytes` by an extra string field (`padding`). */
  | 'oversized'
  /** HTTP 200 with the portal's `{"error":{...}}` body for that code. */
  | 'error-403'
  | 'error-404'
  | 'error-498'
  | 'error-500'
  /** HTTP 200, empty body. */
  | 'empty'
  /**
   * HTTP 200 with an `{"error":{...}}` body (code 500) whose message repeats the token and password the
   * request carried, as some proxies and misconfigured servers do.
   */
  | 'echo-secrets'
  /** The normal answer after `FaultOptions.delayMs`. */
  | 'slow';

/** Sizes and delays of the modes that take one. */
export interface FaultOptions {
  /** `slow`: delay before answering. Default 2 s. */
  delayMs?: number;
  /** `oversized`: the answer is larger than this. Default 17 MiB (over a 16 MiB client cap). */
  bytes?: number;
  /** `truncated`, `cut-connection`: share of the body sent, 0..1. Default 0.5. */
  fraction?: number;
}

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
