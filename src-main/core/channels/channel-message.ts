import type { AlertKind } from '../../contract/vocabulary';

/**
 * One alert as channels tell it: everything a reader far from the workstation needs, and the link to
 * act on. The generic webhook posts exactly this (README "Channels" documents it); Teams, Slack and
 * email render it in their own form.
 */
export interface ChannelMessage {
  /** The alert's key: the same alert always has the same key, so a receiver can drop a repeat. */
  key: string;
  /** The alert's kind, or `test` for a "Send test" message. */
  kind: AlertKind | 'test';
  title: string;
  message: string;
  portal: { url: string; name: string };
  task: { id: string; title: string } | null;
  run: { id: string } | null;
  times: { raisedAt: string; sentAt: string };
  /** The task's page in the portal's admin API, else the portal; null for a test message. */
  link: string | null;
}

/** The generic webhook's body: versioned, so receivers can tell a later shape apart. */
export const genericPayload = (message: ChannelMessage) => ({ version: 1, source: 'taskwatch', ...message });

/** A Teams incoming webhook (Workflows) takes an Adaptive Card wrapped in a message. */
export function teamsPayload(message: ChannelMessage) {
  const facts = [
    { title: 'Portal', value: message.portal.name },
    ...(message.task ? [{ title: 'Task', value: message.task.title }] : []),
    ...(message.run ? [{ title: 'Run', value: message.run.id }] : []),
    { title: 'Raised', value: message.times.raisedAt },
  ];
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: message.title, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: message.message, wrap: true },
            { type: 'FactSet', facts },
          ],
          actions: message.link ? [{ type: 'Action.OpenUrl', title: message.task ? 'Open the task' : 'Open the portal', url: message.link }] : [],
        },
      },
    ],
  };
}

/** Slack's mrkdwn gives `&`, `<` and `>` meaning: a task title must not become a link or a mention. */
const slackText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Slack incoming webhook: `text` for notifications and old clients, blocks for the message itself. */
export function slackPayload(message: ChannelMessage) {
  return {
    text: slackText(message.title),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${slackText(message.title)}*\n${slackText(message.message)}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${slackText(message.portal.name)} · raised ${message.times.raisedAt}` }] },
      ...(message.link ? [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: message.task ? 'Open the task' : 'Open the portal' }, url: message.link }] }] : []),
    ],
  };
}

/** The plain-text mail: subject and body. */
export function mailText(message: ChannelMessage): { subject: string; text: string } {
  const lines = [
    message.message,
    '',
    `Portal: ${message.portal.name}`,
    ...(message.task ? [`Task: ${message.task.title} (${message.task.id})`] : []),
    ...(message.run ? [`Run: ${message.run.id}`] : []),
    `Raised: ${message.times.raisedAt}`,
    ...(message.link ? ['', message.link] : []),
    '',
    '-- Taskwatch',
  ];
  return { subject: `[Taskwatch] ${message.title}`, text: lines.join('\n') };
}
