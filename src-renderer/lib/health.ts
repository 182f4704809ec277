import type { PortalStatus, RunOutcome, TaskHealth } from '$contract/models';

/** Icon names drawn by components/Icon.svelte; each status has its own shape, never colour alone. */
export type IconName = 'cross' | 'clock' | 'hourglass' | 'check' | 'pause' | 'play' | 'question' | 'plug' | 'key' | 'warning';

export type Tone = 'bad' | 'warn' | 'good' | 'muted' | 'info';

export type StatusLook = { label: string; icon: IconName; tone: Tone };

export const taskHealthLook: Record<TaskHealth, StatusLook> = {
  failed: { label: 'Failed', icon: 'cross', tone: 'bad' },
  overdue: { label: 'Overdue', icon: 'clock', tone: 'warn' },
  stuck: { label: 'Stuck', icon: 'hourglass', tone: 'warn' },
  running: { label: 'Running', icon: 'play', tone: 'info' },
  paused: { label: 'Paused', icon: 'pause', tone: 'muted' },
  ok: { label: 'OK', icon: 'check', tone: 'good' },
  unknown: { label: 'Unknown', icon: 'question', tone: 'muted' },
};

/** Problems first, so a default sort puts what needs attention at the top. */
export const healthRank: Record<TaskHealth, number> = {
  failed: 0,
  stuck: 1,
  overdue: 2,
  unknown: 3,
  running: 4,
  paused: 5,
  ok: 6,
};

export const isProblem = (health: TaskHealth) => health === 'failed' || health === 'overdue' || health === 'stuck';

export const outcomeLook: Record<RunOutcome, StatusLook> = {
  success: { label: 'Succeeded', icon: 'check', tone: 'good' },
  failure: { label: 'Failed', icon: 'cross', tone: 'bad' },
  'in-progress': { label: 'Running', icon: 'play', tone: 'info' },
  unknown: { label: 'Unknown', icon: 'question', tone: 'muted' },
};

export const portalStatusLook: Record<PortalStatus, StatusLook> = {
  ok: { label: 'OK', icon: 'check', tone: 'good' },
  pending: { label: 'Connecting…', icon: 'hourglass', tone: 'muted' },
  unreachable: { label: 'Unreachable', icon: 'plug', tone: 'bad' },
  // Covers a password the portal rejected and one missing from the keychain: the message says which.
  'auth-failed': { label: 'Cannot sign in', icon: 'key', tone: 'bad' },
  error: { label: 'Error', icon: 'warning', tone: 'bad' },
};

export const isPortalDown = (status: PortalStatus) => status === 'unreachable' || status === 'auth-failed';
