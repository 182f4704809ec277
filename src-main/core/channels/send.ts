import { connect, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import type { ChannelConfig, EmailChannel } from '../../contract/routing';
import { genericPayload, mailText, slackPayload, teamsPayload, type ChannelMessage } from './channel-message';

/** A send that does not finish within this is abandoned and counts as failed: a hanging server delays nothing else. */
export const SEND_TIMEOUT_MS = 15_000;

export interface SendOptions {
  /** The channel's secret from the keychain: the webhook URL, or the SMTP password (null: no AUTH). */
  secret: string | null;
  timeoutMs?: number;
  /** Aborts the send (Taskwatch stops). */
  signal?: AbortSignal;
  /** Trust for a TLS server whose certificate is not in the system store (tests; a private CA). */
  ca?: string;
}

/** Why a send failed, in words safe to show: never the webhook URL or the password. */
export class ChannelSendError extends Error {}

/** Sends one message over a channel; resolves once the server accepted it, rejects with a ChannelSendError. */
export function sendMessage(channel: ChannelConfig, message: ChannelMessage, options: SendOptions): Promise<void> {
  if (channel.kind === 'email') return sendMail(channel, message, options);
  const body = channel.kind === 'teams' ? teamsPayload(message) : channel.kind === 'slack' ? slackPayload(message) : genericPayload(message);
  return postJson(body, options);
}

async function postJson(body: unknown, { secret, timeoutMs = SEND_TIMEOUT_MS, signal }: SendOptions): Promise<void> {
  if (!secret) throw new ChannelSendError('The keychain holds no webhook URL for this channel; add the channel again.');
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(secret, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: 'error',
    });
  } catch {
    // fetch's own text can quote the URL, which is the secret.
    throw new ChannelSendError(timeout.aborted ? `The webhook did not answer within ${timeoutMs / 1000} s.` : 'The webhook could not be reached.');
  }
  await response.body?.cancel();
  if (!response.ok) throw new ChannelSendError(`The webhook answered HTTP ${response.status}.`);
}

async function sendMail(channel: EmailChannel, message: ChannelMessage, { secret, timeoutMs = SEND_TIMEOUT_MS, signal, ca }: SendOptions): Promise<void> {
  if (channel.username && !secret) throw new ChannelSendError(`The keychain holds no SMTP password for ${channel.username}; add the channel again.`);
  const transport = nodemailer.createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.security === 'tls',
    // Never send the password, or the alert, in clear text: STARTTLS is required, not merely tried.
    requireTLS: channel.security === 'starttls',
    ...(channel.username ? { auth: { user: channel.username, pass: secret! } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    ...(ca ? { tls: { ca } } : {}),
    // nodemailer cannot abort a send under way: it talks over a socket of ours, which quitting destroys.
    getSocket: (_options, callback) => connectAbortably(channel, signal, callback),
  });
  try {
    await transport.sendMail({ from: channel.from, to: channel.to, ...mailText(message) });
  } catch (error) {
    throw new ChannelSendError(`The mail server ${channel.host}:${channel.port} did not take the mail: ${smtpReason(error)}`);
  } finally {
    transport.close();
  }
}

type SocketCallback = (error: Error | null, socket?: { connection: Socket }) => void;

/** A plain TCP connection to the mail server (nodemailer upgrades it to TLS), destroyed when `signal` aborts. */
function connectAbortably({ host, port }: EmailChannel, signal: AbortSignal | undefined, callback: SocketCallback): void {
  if (signal?.aborted) return callback(new Error('Taskwatch is stopping.'));
  const socket = connect({ host, port });
  let connected = false;
  const abort = () => socket.destroy(new Error('Taskwatch is stopping.'));
  signal?.addEventListener('abort', abort, { once: true });
  socket.once('close', () => signal?.removeEventListener('abort', abort));
  socket.once('error', (error) => {
    if (!connected) callback(Object.assign(new Error(error.message), { code: 'ECONNECTION' }));
  });
  socket.once('connect', () => {
    connected = true;
    callback(null, { connection: socket });
  });
}

/** nodemailer's error code and the server's reply line; its messages never hold the password. */
function smtpReason(error: unknown): string {
  const { code, response, message } = error as { code?: string; response?: string; message?: string };
  if (code === 'EAUTH') return 'the user name or password was refused.';
  if (code === 'ETIMEDOUT') return 'it did not answer in time.';
  if (code === 'ECONNECTION' || code === 'ESOCKET') return `the connection failed (${message ?? code}).`;
  return response ?? message ?? String(code ?? 'unknown error');
}
