import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from './certs';

export const MAIL_USER = 'alerts@example.com';
export const MAIL_PASSWORD = 'smtp-secret-4711';

export interface MailServer {
  port: number;
  /** The server's self-signed certificate, for the client to trust. */
  ca: string;
  mails: ParsedMail[];
  /** Whether each session was on TLS when it authenticated. */
  authOverTls: boolean[];
  /** Answer the next DATA with this SMTP error code (e.g. 451: try later). */
  refuseNext: number | null;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 with AUTH (one user) and STARTTLS, or TLS from the first byte with
 * `secure`. Every accepted mail is parsed, as a mail client would.
 */
export async function startMailServer({ secure = false }: { secure?: boolean } = {}): Promise<MailServer> {
  const certificate = await selfSignedCertificate();
  const state: Pick<MailServer, 'mails' | 'authOverTls' | 'refuseNext'> = { mails: [], authOverTls: [], refuseNext: null };
  const server = new SMTPServer({
    secure,
    key: certificate.key,
    cert: certificate.cert,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, session, callback) {
      state.authOverTls.push(Boolean(session.secure));
      if (auth.username === MAIL_USER && auth.password === MAIL_PASSWORD) return callback(null, { user: auth.username });
      callback(new Error('535 Authentication failed'));
    },
    onData(stream, _session, callback) {
      const refuse = state.refuseNext;
      state.refuseNext = null;
      simpleParser(stream).then(
        (mail) => {
          if (refuse) return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: refuse }));
          state.mails.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    port: (server.server.address() as AddressInfo).port,
    ca: certificate.cert,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as MailServer;
}
