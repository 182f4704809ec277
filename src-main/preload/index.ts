/**
 * The renderer's only door to main: `invoke` for the contract's commands, `on` for its events. Nothing
 * else is exposed (no ipcRenderer, no Node), unknown names are refused here, and every pushed payload is
 * validated before the page sees it. Bundled as one CJS file with zod inside: a sandboxed preload may
 * only require('electron').
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_GLOBAL,
  commandChannel,
  commands,
  eventChannel,
  events,
  isCommandName,
  isEventName,
  resultSchema,
  type CommandOutput,
  type EventName,
  type EventPayload,
  type Result,
  type TaskwatchApi,
} from '../contract/api';

const refused = (message: string): Result<never> => ({ ok: false, error: { code: 'invalid-input', message } });

const api: TaskwatchApi = {
  async invoke(command, input) {
    if (!isCommandName(command)) return refused(`Unknown command: ${String(command)}`);
    let answer: unknown;
    try {
      answer = await ipcRenderer.invoke(commandChannel(command), input);
    } catch {
      // Only reachable when main has no handler (starting up or shutting down): still answer a Result.
      return { ok: false, error: { code: 'internal', message: 'Taskwatch is not ready yet; try again in a moment.' } };
    }
    // Decoded from its wire form (contract/wire-tables.ts) and checked, as every pushed event is.
    const parsed = resultSchema(commands[command].output).safeParse(answer);
    if (parsed.success) return parsed.data as Result<CommandOutput<typeof command>>;
    return { ok: false, error: { code: 'internal', message: 'The background service sent an answer Taskwatch could not read.' } };
  },

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
    if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event)}`);
    const channel = eventChannel(event);
    // The IpcRendererEvent stays here: handing it to the page would hand over ipcRenderer itself.
    const receive = (_event: IpcRendererEvent, payload: unknown) => {
      const parsed = events[event].safeParse(payload);
      if (parsed.success) listener(parsed.data as EventPayload<E>);
      else console.error(`Taskwatch: dropped a malformed "${event}" event`, parsed.error.issues);
    };
    ipcRenderer.on(channel, receive);
    return () => {
      ipcRenderer.removeListener(channel, receive);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, api);
