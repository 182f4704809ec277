/**
 * The portal's task and run objects after validation: dates as epoch ms, unknown words kept as-is,
 * unknown task parameters kept (the window lists them); other fields the portal adds are not kept.
 */

export interface PortalTask {
  id: string;
  title: string;
  /** `CreateBackup`, `CleanGPJobs`, `BackupRetentionCleaner`, or a word we have not seen yet. */
  taskType: string;
  /** The older `type` field, e.g. `CREATE_BACKUP_TASK_TYPE`. */
  type: string;
  /** `active`, `paused`, or a word we have not seen yet. */
  state: string;
  active: boolean;
  cronExpression: string | null;
  cronSchedule: Record<string, string> | null;
  runIntervalSeconds: number | null;
  startDate: number | null;
  /** -1 or null: unlimited. */
  maxOccurrences: number | null;
  lastStart: number | null;
  created: number | null;
  updated: number | null;
  generation: number | null;
  parameters: Record<string, unknown>;
}

/** A run's own facts; the task copy the portal embeds in it is left out (it is the task as it is now). */
export interface PortalRun {
  /** The portal's `runId`, or a stand-in derived from the run's facts when the portal sent none. */
  id: string;
  idMissing: boolean;
  /** The portal's own word: `succeeded`, `failed`, ... kept as sent; '' when it sent none. */
  status: string;
  result: string;
  /** When the portal recorded the run (about 30 s after it began, in the documented samples). */
  created: number | null;
  modified: number | null;
  url: string;
  /**
   * `created` and `modified` as the portal wrote them when it wrote zone-less text (null for epoch ms):
   * what they say about the portal's zone. Nothing else of the portal's run object is kept: 50,000 of
   * them may arrive in one answer.
   */
  dateText: { created: string | null; modified: string | null };
}

export interface RunsPage {
  /** Newest first. */
  runs: PortalRun[];
  /** The portal listed them oldest first (its dated runs went from older to newer): its news is on its last page. */
  listedOldestFirst: boolean;
  total: number | null;
  start: number;
  num: number;
  /** Where the next page starts; null when there is none. */
  nextStart: number | null;
  /** Runs on this page that could not be read: left out, each with why. */
  skipped: SkippedItem[];
}

/** A portal's task list: the tasks read, and the items that could not be. */
export interface TaskList {
  tasks: PortalTask[];
  skipped: SkippedItem[];
}

/** A list item the portal sent that could not be read (position in `result` and why). */
export interface SkippedItem {
  index: number;
  reason: string;
}

/** How to reach one portal. The password is fetched from the keychain when a token is needed. */
export interface PortalConnection {
  /** `https://host/context`, no trailing slash. */
  baseUrl: string;
  /** `<base>/admin` unless configured otherwise. */
  adminUrl: string;
  username: string;
  /** IANA zone the portal's zone-less date strings are read in. */
  timeZone: string;
  /** Pinned SHA-256 certificate fingerprint, 64 upper-case hex digits, or null. */
  fingerprint: string | null;
}

/** Why a request failed, in the terms the monitor turns into portal health. */
export type PortalErrorKind =
  /** DNS, refused, reset, timeout, TLS: nothing usable came back. */
  | 'unreachable'
  /** The credentials were rejected, or a token could not be had. */
  | 'auth-failed'
  /** The keychain holds no password for the portal: nothing was sent. */
  | 'no-password'
  /** The portal answered `{"error":{...}}` (403, 404, 500, ...). */
  | 'api'
  /** HTML, invalid JSON, or JSON of the wrong shape. */
  | 'bad-response';
