import { afterAll, beforeAll } from 'vitest';
import { startMailServer, type MailServer } from './mail-server';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

/** A real webhook receiver and SMTP server for the tests of one file (or describe): started before them, closed after. */
export function channelServers(): { readonly hooks: WebhookReceiver; readonly mail: MailServer } {
  const servers = {} as { hooks: WebhookReceiver; mail: MailServer };
  beforeAll(async () => {
    [servers.hooks, servers.mail] = await Promise.all([startWebhookReceiver(), startMailServer()]);
  });
  afterAll(async () => {
    await Promise.all([servers.hooks?.close(), servers.mail?.close()]);
  });
  return servers;
}
