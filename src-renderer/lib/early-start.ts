/**
 * What the window does before its code has loaded (main.ts runs this, then loads the rest): find the
 * door to main, start listening for pushes, and ask for the snapshot. Main builds and sends it while the
 * window's code is fetched, parsed and mounted (~100 ms of a cold start), instead of after. Listening
 * starts before asking, so no change between the two is lost. Nothing is checked here, and nothing here
 * needs zod: the API built later (api.ts) checks these answers and pushes like every other.
 */
import type { CommandName, Result, TaskwatchApi } from '$contract/api';
import type { Snapshot } from '$contract/models';
import { BRIDGE_GLOBAL, BRIDGE_TOKEN_HEADER } from '$contract/bridge-names';
import { followEventStream, type StreamMessage } from './event-stream';

/** Messages held until their one reader takes them over; then passed straight on, until it lets go. */
export class Held<Message> {
  #held: Message[] | null = [];
  #reader: ((message: Message) => void) | null = null;

  readonly push = (message: Message): void => {
    if (this.#reader) this.#reader(message);
    else this.#held?.push(message);
  };

  take(reader: (message: Message) => void): () => void {
    this.#reader = reader;
    for (const message of this.#held?.splice(0) ?? []) reader(message);
    this.#held = null;
    return () => {
      if (this.#reader === reader) this.#reader = null;
    };
  }
}

/** The Chromium bridge's HTTP door: commands are POSTs, pushes one server-sent event stream. */
export class BridgeWire {
  readonly messages = new Held<StreamMessage>();
  readonly #stream = new AbortController();
  #asked = new Map<CommandName, Promise<Response>>();

  constructor(
    readonly token: string,
    readonly origin: string,
  ) {}

  /** Listens from now on, for the life of the page (the reader arrives with the window's code). */
  listen(): void {
    void followEventStream({ url: `${this.origin}/api/events`, headers: this.#headers(), signal: this.#stream.signal, onMessage: this.messages.push });
  }

  /** Sends a command now; `post` of the same command answers with it once. */
  ask(command: CommandName, input: unknown): void {
    this.#asked.set(command, this.#send(command, input));
  }

  post(command: CommandName, input: unknown): Promise<Response> {
    const asked = this.#asked.get(command);
    this.#asked.delete(command);
    return asked ?? this.#send(command, input);
  }

  #send(command: CommandName, input: unknown): Promise<Response> {
    return fetch(`${this.origin}/api/${command}`, {
      method: 'POST',
      headers: { ...this.#headers(), 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
  }

  #headers() {
    return { [BRIDGE_TOKEN_HEADER]: this.token };
  }
}

/** The Electron preload's door (it checks what crosses), with the first snapshot and pushes held. */
export interface PreloadStart {
  api: TaskwatchApi;
  snapshot: Promise<Result<Snapshot>>;
  pushes: Held<Snapshot>;
}

export type EarlyStart = { kind: 'preload'; start: PreloadStart } | { kind: 'bridge'; wire: BridgeWire };

export function startEarly(win: Window = window): EarlyStart | null {
  const preload = (win as unknown as Record<string, TaskwatchApi | undefined>)[BRIDGE_GLOBAL];
  if (preload) {
    const pushes = new Held<Snapshot>();
    preload.on('snapshot', pushes.push);
    return { kind: 'preload', start: { api: preload, snapshot: preload.invoke('getSnapshot', {}), pushes } };
  }
  const token = takeBridgeToken(win);
  if (!token) return null;
  const wire = new BridgeWire(token, win.location.origin);
  wire.listen();
  wire.ask('getSnapshot', {});
  return { kind: 'bridge', wire };
}

/** Reads `#bridge=<token>` and wipes it from the address bar and history at once. */
function takeBridgeToken(win: Window): string | null {
  const match = /(?:^#|&)bridge=([^&]+)/.exec(win.location.hash);
  if (!match) return null;
  win.history.replaceState(null, '', win.location.pathname + win.location.search);
  return decodeURIComponent(match[1]!);
}
