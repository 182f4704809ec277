import type { CommandHandlers } from '../../contract/api';
import type { RoutingView } from '../../contract/routing-view';
import { channelSecretAccount } from '../channels/channel-config';
import type { ChannelDirectory } from '../channels/channel-directory';
import { ChannelSendError } from '../channels/send';
import { TaskwatchError } from '../errors';
import type { SecretStore } from '../ports';
import { windowOpenUntil } from '../routing/maintenance-window';
import type { RoutingDirectory } from '../routing/routing-directory';

export interface RoutingHandlerDeps {
  channels: ChannelDirectory;
  routing: RoutingDirectory;
  secrets: SecretStore;
  now: () => number;
}

type RoutingCommand = 'getRouting' | 'saveChannel' | 'removeChannel' | 'testChannel' | 'mute' | 'unmute' | 'addMaintenance' | 'removeMaintenance';

/** The window's commands for channels, mutes and maintenance windows, over the same directories the CLI uses. */
export function createRoutingHandlers(deps: RoutingHandlerDeps): Pick<CommandHandlers, RoutingCommand> {
  const { channels, routing } = deps;
  const view = async (): Promise<RoutingView> => routingView(deps);

  return {
    getRouting: view,

    saveChannel: async ({ channel, secret }) => {
      // Editing without typing the secret again keeps the one in the keychain.
      const kept = secret ?? (await deps.secrets.get(channelSecretAccount(channel.name)));
      if (channel.kind !== 'email' && !kept) throw new TaskwatchError('invalid-input', 'secret: Enter the webhook URL, starting with https://');
      if (channel.kind === 'email' && channel.username && !kept) throw new TaskwatchError('invalid-input', `secret: Enter the SMTP password of ${channel.username}.`);
      await channels.add(channel, channel.kind === 'email' && !channel.username ? null : kept);
      return view();
    },

    removeChannel: async ({ name }) => {
      await channels.remove(name);
      return view();
    },

    testChannel: async ({ name }) => {
      try {
        await channels.test(name);
      } catch (error) {
        if (error instanceof ChannelSendError) throw new TaskwatchError('channel-error', error.message);
        throw error;
      }
      return null;
    },

    mute: async (input) => {
      await routing.mute(input);
      return view();
    },
    unmute: async ({ id }) => {
      await routing.unmute(id);
      return view();
    },
    addMaintenance: async (input) => {
      await routing.addMaintenance(input);
      return view();
    },
    removeMaintenance: async ({ id }) => {
      await routing.removeMaintenance(id);
      return view();
    },
  };
}

function routingView({ channels, routing, now }: RoutingHandlerDeps): RoutingView {
  const at = now();
  return {
    channels: channels.list().map((status) => ({
      channel: status.channel,
      waiting: status.waiting,
      lastError: status.lastError,
      nextAttemptAt: status.nextAttemptAt,
      undelivered: status.undelivered.map(({ alert, reason, at: given }) => ({
        key: alert.key,
        kind: alert.kind,
        portalId: alert.portalId,
        ...(alert.taskId ? { taskId: alert.taskId } : {}),
        title: alert.title,
        reason,
        at: given,
      })),
    })),
    mutes: routing.mutes(),
    maintenance: routing.maintenanceWindows().map((window) => ({ ...window, openUntil: windowOpenUntil(window, at) })),
  };
}
