/**
 * Reads a server-sent event stream over fetch, so the bridge token travels in a header (EventSource
 * cannot send headers, and a token in the URL would end up in logs). Reconnects with a growing pause
 * until the signal aborts.
 */

export type StreamMessage = { event: string; data: string };

export type StreamOptions = {
  url: string;
  headers: Record<string, string>;
  signal: AbortSignal;
  onMessage: (message: StreamMessage) => void;
  onConnected?: () => void;
};

const MAX_PAUSE_MS = 10_000;

export async function followEventStream(options: StreamOptions): Promise<void> {
  let pause = 250;
  while (!options.signal.aborted) {
    try {
      const response = await fetch(options.url, { headers: options.headers, signal: options.signal, cache: 'no-store' });
      if (response.ok && response.body) {
        pause = 250;
        options.onConnected?.();
        await readMessages(response.body, options.onMessage);
      }
    } catch {
      // A dropped connection is expected when the service restarts: try again below.
    }
    if (options.signal.aborted) return;
    await wait(pause, options.signal);
    pause = Math.min(pause * 2, MAX_PAUSE_MS);
  }
}

async function readMessages(body: ReadableStream<Uint8Array>, onMessage: (message: StreamMessage) => void) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = parseMessage(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (message) onMessage(message);
    }
  }
}

function parseMessage(block: string): StreamMessage | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return data.length ? { event, data: data.join('\n') } : null;
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
