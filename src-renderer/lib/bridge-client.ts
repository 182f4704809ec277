/**
 * TaskwatchApi over the Chromium test bridge (src-main/bridge): commands are POST /api/<command>,
 * events come from one server-sent event stream. Every answer is checked against the contract, as the
 * preload does for IPC, so the views handle exactly the same shapes in both transports.
 */
import {
  BRIDGE_TOKEN_HEADER,
  commands,
  events,
  resultSchema,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type EventName,
  type EventPayload,
  type Result,
  type TaskwatchApi,
} from '$contract/api';
import { followEventStream } from './event-stream';


type Listener = (payload: never) => void;

const failure = (message: string): Result<never> => ({ ok: false, error: { code: 'internal', message } });

export function createBridgeClient(token: string, origin: string): TaskwatchApi {
  const headers = { [BRIDGE_TOKEN_HEADER]: token };
  const listeners = new Map<EventName, Set<Listener>>();
  let stream: AbortController | null = null;

  function deliver(event: string, data: string) {
    if (!Object.hasOwn(events, event)) return;
    const name = event as EventName;
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

  function ensureStream() {
    if (stream) return;
    stream = new AbortController();
    void followEventStream({
      url: `${origin}/api/events`,
      headers,
      signal: stream.signal,
      onMessage: ({ event, data }) => deliver(event, data),
    });
  }

  async function invoke<C extends CommandName>(command: C, input: CommandInput<C>): Promise<Result<CommandOutput<C>>> {
    let body: unknown;
    try {
      const response = await fetch(`${origin}/api/${command}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
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
      ensureStream();
      return () => {
        set.delete(listener as Listener);
        if ([...listeners.values()].every((s) => s.size === 0)) {
          stream?.abort();
          stream = null;
        }
      };
    },
  };
}
