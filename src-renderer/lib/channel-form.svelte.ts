import type { z } from 'zod';
import { ChannelKind, EmailChannel, WebhookChannel, type ChannelConfig } from '$contract/routing';
import { WebhookUrl, type ChannelSave } from '$contract/routing-view';
import { AlertKind, Severity } from '$contract/vocabulary';
import { EditForm, fieldErrors, type FieldErrors } from './edit-form.svelte';

export type ChannelField =
  | 'name'
  | 'url'
  | 'host'
  | 'port'
  | 'username'
  | 'password'
  | 'from'
  | 'to'
  | 'alertKinds'
  | 'remindEveryHours';

type Fields = {
  name: string;
  kind: ChannelKind;
  /** The webhook URL (Teams, Slack, webhook): the secret, sent once, never shown again. */
  url: string;
  host: string;
  port: string;
  security: 'starttls' | 'tls';
  username: string;
  /** The SMTP password: the secret of an email channel. */
  password: string;
  from: string;
  /** Addresses separated by commas. */
  to: string;
  alertKinds: AlertKind[];
  minSeverity: Severity;
  /** Hours, or empty for no reminders. */
  remindEveryHours: string;
};

const blank = (): Fields => ({
  name: '',
  kind: 'webhook',
  url: '',
  host: '',
  port: '587',
  security: 'starttls',
  username: '',
  password: '',
  from: '',
  to: '',
  alertKinds: [...AlertKind.options],
  minSeverity: 'info',
  remindEveryHours: '',
});

/** What each field's error says: zod's own words for bounds and formats are not for admins. */
const messages: Partial<Record<ChannelField, string>> = {
  host: "Enter the mail server's host name, e.g. smtp.example.com.",
  port: 'Enter a port from 1 to 65535, e.g. 587 (STARTTLS) or 465 (TLS).',
  username: 'Enter the SMTP user name, or leave it empty for a server without AUTH.',
  from: 'Enter the sender address, e.g. taskwatch@example.com.',
  to: 'Enter one or more recipient addresses, separated by commas.',
  alertKinds: 'Choose at least one kind of alert.',
  remindEveryHours: 'Enter hours from 1 to 720, or leave it empty for no reminders.',
};

/**
 * The add/edit channel form, checked with the contract's own channel schemas so each message sits next
 * to its field before anything is sent. Secrets are kept only until sent; editing never shows them.
 */
export class ChannelForm extends EditForm<Fields, ChannelField, ChannelConfig> {
  constructor() {
    super(blank);
  }

  startEdit(channel: ChannelConfig) {
    const common = {
      ...blank(),
      name: channel.name,
      kind: channel.kind,
      alertKinds: [...channel.alertKinds],
      minSeverity: channel.minSeverity,
      remindEveryHours: channel.remindEveryHours?.toString() ?? '',
    };
    this.startEditing(
      channel,
      channel.kind === 'email'
        ? { ...common, host: channel.host, port: String(channel.port), security: channel.security, username: channel.username ?? '', from: channel.from, to: channel.to.join(', ') }
        : common,
    );
  }

  /** The command input, or null after putting a message next to each bad field. */
  build(): ChannelSave | null {
    const f = this.fields;
    const reminder = f.remindEveryHours.trim();
    const common = {
      name: f.name.trim(),
      alertKinds: f.alertKinds,
      minSeverity: f.minSeverity,
      remindEveryHours: reminder === '' ? null : /^\d+(\.\d+)?$/.test(reminder) ? Number(reminder) : NaN,
    };
    const errors: FieldErrors<ChannelField> = {};
    let channel: ChannelConfig | null = null;
    let secret: string | null = null;
    if (f.kind === 'email') {
      const username = f.username.trim() || null;
      const parsed = EmailChannel.safeParse({
        ...common,
        kind: 'email',
        host: f.host.trim(),
        port: /^\d+$/.test(f.port.trim()) ? Number(f.port) : NaN,
        security: f.security,
        username,
        from: f.from.trim(),
        to: f.to.split(',').map((address) => address.trim()).filter(Boolean),
      });
      if (parsed.success) channel = parsed.data;
      else Object.assign(errors, channelErrors(parsed.error));
      // A new channel with a user needs its password; an edit may keep the saved one.
      if (username && f.password) secret = f.password;
      else if (username && !this.#keepsSecret()) errors.password = `Enter the SMTP password of ${username}.`;
    } else {
      const parsed = WebhookChannel.safeParse({ ...common, kind: f.kind });
      if (parsed.success) channel = parsed.data;
      else Object.assign(errors, channelErrors(parsed.error));
      if (f.url.trim()) {
        const url = WebhookUrl.safeParse(f.url);
        if (url.success) secret = url.data;
        else errors.url = url.error.issues[0]!.message;
      } else if (!this.#keepsSecret()) errors.url = 'Enter the webhook URL, starting with https://';
    }
    if (!this.setErrors(errors) || !channel) return null;
    return { channel, secret };
  }

  /** Forget what was typed of the secret once it has gone to main. */
  clearSecrets() {
    this.fields.url = '';
    this.fields.password = '';
  }

  /** Editing a channel of the same kind keeps its saved secret when none is typed. */
  #keepsSecret(): boolean {
    return this.editing !== null && this.editing.kind === this.fields.kind;
  }
}

const fieldNames = new Set<string>(['name', 'host', 'port', 'username', 'from', 'to', 'alertKinds', 'remindEveryHours']);

const channelErrors = (error: z.ZodError) => fieldErrors<ChannelField>(error, fieldNames, (field, message) => messages[field] ?? message);
