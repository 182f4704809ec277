/**
 * TaskwatchApi over the Chromium test bridge (src-main/bridge), on the wire `startEarly` opened. Every
 * answer and push is checked against the contract, as the preload does for IPC, so the views handle
 * exactly the same shapes in both transports.
 */
import { commands, events, resultSchema, type CommandInput, type CommandName, type CommandOutput, type EventName, type EventPayload, type Result, type TaskwatchApi } from '$contract/api';
import type { BridgeWire } from './early-start';

type Listener = (payload: never) => void;

const failure = (message: string): Result<never> => ({ ok: false, error: { code: 'internal', message } });

export function createBridgeClient(wire: BridgeWire): TaskwatchApi {
  const listeners = new Map<EventName, Set<Listener>>();

  function deliver(event: string, data: string) {
    if (!Object.hasOwn(events, event)) return;
    const name = event as EventName;
    if (!listeners.get(name)?.size) return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = events[name].safeParse(json);
    if (!parsed.success) return;
    for (const listener of listeners.get(name) ?? []) listener(parsed.data as never);
  }
  let reading = false;

  async function invoke<C extends CommandName>(command: C, input: CommandInput<C>): Promise<Result<CommandOutput<C>>> {
    let body: unknown;
    try {
      const response = await wire.post(command, input);
      body = await response.json();
      // User Timing for the UI bench: JSON parsing ends here, the contract check starts.
      performance.mark(`taskwatch:parsed:${command}`);
    } catch {
      return failure('Taskwatch lost its connection to the background service. Try again in a moment.');
    }
    const parsed = resultSchema(commands[command].output).safeParse(body);
    if (!parsed.success) return failure('The background service sent an answer Taskwatch could not read.');
    return parsed.data as Result<CommandOutput<C>>;
  }

  return {
    invoke,
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(event, set);
      // Pushes held since the page started go to the first subscriber (the snapshot store, before it asks).
      if (!reading) wire.messages.take(({ event: name, data }) => deliver(name, data));
      reading = true;
      return () => void set.delete(listener as Listener);
    },
  };
}
