/**
 * The IPC contract, declared once: every command the renderer may invoke and every event main may push,
 * each with the zod schema that both ends validate against. Main (shell/ipc.ts), the preload, the
 * Chromium test bridge and the renderer all import this file; nothing else names a channel.
 *
 * Commands never throw across the boundary (Electron keeps only an error's message): they resolve to a
 * `Result`, so the renderer can show a typed, human sentence.
 */
import { z } from 'zod';
import { describeIssues } from './issues';
import { EpochMs, PortalView, Settings, SettingsPatch, Snapshot, TaskRef, TaskView } from './models';
import { ChannelName, MaintenanceInput, MuteInput } from './routing';
import { ChannelSave, RoutingView } from './routing-view';
import { TimeZone } from './time-zone';
import { RunTable, TaskTable } from './wire-tables';

const isLocalHost = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

/** `https://host/context`, or plain http for a portal on this machine only. */
export const PortalUrl = z
  .string()
  .trim()
  .min(1, 'Enter the portal URL, e.g. https://gis.example.com/portal')
  .refine((value) => URL.canParse(value), 'Not a URL: use the form https://gis.example.com/portal')
  .refine((value) => {
    // zod runs every refinement even after one failed: an unparsable value is reported above, not thrown here.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHost(url.hostname));
  }, 'Use https:// (plain http:// is only allowed for localhost)');

/** SHA-256 of the portal's certificate: 64 hex digits, colons and case ignored. */
export const Fingerprint = z
  .string()
  .trim()
  .transform((value) => value.replace(/:/g, '').toUpperCase())
  .refine((value) => /^[0-9A-F]{64}$/.test(value), 'A SHA-256 fingerprint has 64 hex digits (colons allowed)');

export { TimeZone } from './time-zone';

const portalFields = {
  url: PortalUrl,
  username: z.string().trim().min(1, 'Enter the administrator user name'),
  adminUrl: PortalUrl.nullable().optional(),
  fingerprint: Fingerprint.nullable().optional(),
  /** Omitted or null: Taskwatch learns the zone from the portal's own task times. */
  timeZone: TimeZone.nullable().optional(),
  pollIntervalSeconds: z.number().int().min(10).max(86_400).nullable().optional(),
  label: z.string().trim().max(80).optional(),
};

/** A new portal. The password goes once to main, into the keychain, and never comes back. */
export const PortalInput = z.object({ ...portalFields, password: z.string().min(1, 'Enter the password') });
export type PortalInput = z.infer<typeof PortalInput>;

/** Changes to a saved portal; a missing password keeps the one in the keychain. */
export const PortalUpdate = z.object({
  id: z.string().min(1),
  changes: z.object({ ...portalFields, password: z.string().min(1).optional() }).partial(),
});
export type PortalUpdate = z.infer<typeof PortalUpdate>;

/** Connection test: either a new portal's fields, or a saved portal (by id) with optional changes. */
export const PortalTest = z.union([PortalInput, PortalUpdate]);
export type PortalTest = z.infer<typeof PortalTest>;

export const ExportFormat = z.enum(['csv', 'json']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportRequest = z.object({
  format: ExportFormat,
  /** Omitted: the task table. Given: that task's run history. */
  runsOf: TaskRef.optional(),
});
export type ExportRequest = z.infer<typeof ExportRequest>;

const Empty = z.object({}).strict();

/** A task's run history, newest first. */
export const RunHistoryAnswer = z.object({
  runs: RunTable,
  /** False when the portal keeps more runs than were read. */
  complete: z.boolean(),
  /**
   * When the schedule says a run was due over the period the runs cover (from the oldest run read until
   * the latest occurrence past its grace period), newest first, capped like the runs. An occurrence with
   * no run after it and before the next one is a missed run. Absent when Taskwatch cannot tell: unknown
   * schedule, a task not active now, no runs.
   */
  expected: z.array(EpochMs).optional(),
});
export type RunHistoryAnswer = z.infer<typeof RunHistoryAnswer>;

/** The snapshot as it crosses to the window: its tasks as a table (see wire-tables.ts). */
const WindowSnapshot = Snapshot.extend({ tasks: TaskTable });

/**
 * renderer -> main, request/response. An output is encoded by main (`safeEncode`) and decoded by the
 * receiving side (`safeParse`): the same values, and for long lists a compact form on the wire. So an
 * output schema may not hold a one-way `.transform` (zod cannot encode it): use a `z.codec`.
 */
export const commands = {
  getSnapshot: { input: Empty, output: WindowSnapshot },
  /** One task in full (parameters, recent runs) for its detail; the snapshot lists tasks in summary. */
  getTask: { input: TaskRef, output: TaskView },
  getRunHistory: { input: TaskRef, output: RunHistoryAnswer },
  addPortal: { input: PortalInput, output: PortalView },
  updatePortal: { input: PortalUpdate, output: PortalView },
  testPortal: { input: PortalTest, output: z.object({ taskCount: z.number().int() }) },
  removePortal: { input: z.object({ id: z.string().min(1) }), output: z.null() },
  pollNow: { input: z.object({ portalId: z.string().min(1).optional() }), output: z.null() },
  setTaskEnabled: { input: TaskRef.extend({ enabled: z.boolean() }), output: z.null() },
  updateSettings: { input: SettingsPatch, output: Settings },
  exportData: { input: ExportRequest, output: z.object({ saved: z.boolean(), fileName: z.string() }) },
  openExternal: { input: z.object({ url: z.string().url() }), output: z.null() },
  /** Channels, mutes and maintenance windows; every change answers the whole of it again. */
  getRouting: { input: Empty, output: RoutingView },
  saveChannel: { input: ChannelSave, output: RoutingView },
  removeChannel: { input: z.object({ name: ChannelName }), output: RoutingView },
  /** Sends a test message now; a refusal carries the server's reason. */
  testChannel: { input: z.object({ name: ChannelName }), output: z.null() },
  mute: { input: MuteInput, output: RoutingView },
  unmute: { input: z.object({ id: z.string().min(1) }), output: RoutingView },
  addMaintenance: { input: MaintenanceInput, output: RoutingView },
  removeMaintenance: { input: z.object({ id: z.string().min(1) }), output: RoutingView },
} as const;

/** main -> renderer pushes. */
export const events = {
  /** The whole picture changed (sent only when something did). */
  snapshot: WindowSnapshot,
  /** Show this task's run history (a notification or tray item was clicked). */
  navigate: TaskRef,
} as const;

export type CommandName = keyof typeof commands;
export type EventName = keyof typeof events;
export type CommandInput<C extends CommandName> = z.input<(typeof commands)[C]['input']>;
export type CommandOutput<C extends CommandName> = z.infer<(typeof commands)[C]['output']>;
/** A command's output as it crosses the boundary (main's `safeEncode` of a CommandOutput). */
export type CommandWire<C extends CommandName> = z.input<(typeof commands)[C]['output']>;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/**
 * An event's payload as it crosses the boundary. One outside the contract (main's bug) throws, with what
 * is wrong: the sender logs it and sends nothing, since the window would refuse it anyway.
 */
export function encodeEvent<E extends EventName>(event: E, payload: EventPayload<E>): unknown {
  const encoded = events[event].safeEncode(payload as never);
  if (encoded.success) return encoded.data;
  throw new Error(`The ${event} event breaks the contract: ${describeIssues(encoded.error, event)}`);
}

export const ErrorCode = z.enum([
  'invalid-input',
  'not-found',
  'portal-error',
  'keychain-unavailable',
  /** An email or chat channel did not take a message (its server's reason is the message). */
  'channel-error',
  'forbidden',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({ code: ErrorCode, message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: ApiError })]);

/** What the renderer holds: one typed function per command, one subscription per event. */
export type TaskwatchApi = {
  invoke<C extends CommandName>(command: C, input: CommandInput<C>): Promise<Result<CommandOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** The handlers main provides; the shell and the bridge wrap them with validation. */
export type CommandHandlers = {
  [C in CommandName]: (input: z.infer<(typeof commands)[C]['input']>) => Promise<CommandOutput<C>>;
};

export const isCommandName = (name: unknown): name is CommandName =>
  typeof name === 'string' && Object.hasOwn(commands, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name);

/** Channel names on the wire; one prefix so a stray channel is easy to spot and refuse. */
export const commandChannel = (command: CommandName) => `taskwatch:${command}`;
export const eventChannel = (event: EventName) => `taskwatch:event:${event}`;

export { BRIDGE_GLOBAL, BRIDGE_TOKEN_HEADER } from './bridge-names';
