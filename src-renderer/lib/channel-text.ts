import type { ChannelConfig, ChannelKind } from '$contract/routing';
import type { AlertKind, Severity } from '$contract/vocabulary';

/** Channel kinds, alert kinds and severities in the words of the channel settings. */
export const channelKindText: Record<ChannelKind, string> = {
  email: 'Email (SMTP)',
  teams: 'Microsoft Teams (incoming webhook)',
  slack: 'Slack (incoming webhook)',
  webhook: 'JSON webhook',
};

export const severityText: Record<Severity, string> = {
  info: 'Everything, recoveries included',
  warning: 'Warnings and critical problems',
  critical: 'Only critical (failed or missed runs, portal down)',
};

export const alertKindText: Record<AlertKind, string> = {
  'portal-unreachable': 'Portal unreachable',
  'auth-failed': 'Sign-in refused',
  'no-password': 'No password in the keychain',
  error: 'Portal error',
  'zone-mismatch': 'Time zone contradicts the portal',
  'failed-run': 'Run failed',
  'runs-unreadable': 'Runs cannot be read',
  'runs-unchecked': 'Runs went unchecked',
  'skipped-run': 'Run skipped',
  overdue: 'Run overdue',
  stuck: 'Run stuck',
  recovered: 'Recovered (good news)',
};

/** "every kind", or how many of them: the card's short answer to "what does it get". */
export function kindsSummary(channel: ChannelConfig): string {
  const all = Object.keys(alertKindText).length;
  if (channel.alertKinds.length === all) return 'every kind of alert';
  return channel.alertKinds.map((kind) => alertKindText[kind]).join(', ');
}

/** Where the secret of this channel is, in words; never the secret. */
export function secretText(channel: ChannelConfig): string | null {
  if (channel.kind !== 'email') return 'URL saved in the keychain';
  return channel.username ? 'Password saved in the keychain' : null;
}
