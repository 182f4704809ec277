import type { ChannelConfig } from '../../contract/routing';
import { alertKinds, severityRank, type AlertKind } from '../../contract/vocabulary';

/** The keychain account of a channel's secret (SMTP password or webhook URL); portals use their URL. */
export const channelSecretAccount = (name: string) => `channel:${name}`;

/** The channel takes this kind of alert and it is urgent enough for it (a recovery is as urgent as the news it ends). */
export const wantsAlert = (channel: ChannelConfig, kind: AlertKind): boolean =>
  channel.alertKinds.includes(kind) && (kind === 'recovered' || severityRank(alertKinds[kind].severity) <= severityRank(channel.minSeverity));
