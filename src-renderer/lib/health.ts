import type { PortalStatus, RunOutcome, TaskHealth } from '$contract/models';
import { healthRank as rankOf, isPortalDown, isProblemHealth } from '$contract/vocabulary';

/** Icon names drawn by components/Icon.svelte; each status has its own shape, never colour alone. */
export type IconName = 'cross' | 'clock' | 'hourglass' | 'check' | 'pause' | 'play' | 'question' | 'plug' | 'key' | 'warning' | 'skip' | 'eye-off' | 'bell-off' | 'wrench';

export type Tone = 'bad' | 'warn' | 'good' | 'muted' | 'info';

export type StatusLook = { label: string; icon: IconName; tone: Tone };

/** How each health word looks; which words are problems, and their order, come from the contract. */
export const taskHealthLook: Record<TaskHealth, StatusLook> = {
  failed: { label: 'Failed', icon: 'cross', tone: 'bad' },
  unreadable: { label: 'Unreadable', icon: 'eye-off', tone: 'bad' },
  stuck: { label: 'Stuck', icon: 'hourglass', tone: 'warn' },
  overdue: { label: 'Overdue', icon: 'clock', tone: 'warn' },
  skipped: { label: 'Skipped', icon: 'skip', tone: 'warn' },
  'unknown-schedule': { label: 'Unknown schedule', icon: 'question', tone: 'muted' },
  running: { label: 'Running', icon: 'play', tone: 'info' },
  paused: { label: 'Paused', icon: 'pause', tone: 'muted' },
  ok: { label: 'OK', icon: 'check', tone: 'good' },
};

/** Problems first, so a default sort puts what needs attention at the top. */
export const healthRank = rankOf;
export const isProblem = isProblemHealth;
export { isPortalDown };

export const outcomeLook: Record<RunOutcome, StatusLook> = {
  success: { label: 'Succeeded', icon: 'check', tone: 'good' },
  failure: { label: 'Failed', icon: 'cross', tone: 'bad' },
  skipped: { label: 'Skipped', icon: 'skip', tone: 'warn' },
  'in-progress': { label: 'Running', icon: 'play', tone: 'info' },
  unknown: { label: 'Unknown', icon: 'question', tone: 'muted' },
};

export const portalStatusLook: Record<PortalStatus, StatusLook> = {
  ok: { label: 'OK', icon: 'check', tone: 'good' },
  pending: { label: 'Connecting…', icon: 'hourglass', tone: 'muted' },
  partial: { label: 'Some runs unreadable', icon: 'eye-off', tone: 'warn' },
  unreachable: { label: 'Unreachable', icon: 'plug', tone: 'bad' },
  'auth-failed': { label: 'Credentials rejected', icon: 'key', tone: 'bad' },
  'no-password': { label: 'No password stored', icon: 'key', tone: 'bad' },
  error: { label: 'Error', icon: 'warning', tone: 'bad' },
};
