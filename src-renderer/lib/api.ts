/**
 * The one TaskwatchApi the window talks to, over the door `startEarly` found: the Electron preload's
 * global, or, when the page runs in plain Chromium for tests and development, the HTTP bridge.
 */
import type { TaskwatchApi } from '$contract/api';
import { createBridgeClient } from './bridge-client';
import type { EarlyStart, PreloadStart } from './early-start';

export function connectApi(early: EarlyStart | null): TaskwatchApi | null {
  if (!early) return null;
  return early.kind === 'bridge' ? createBridgeClient(early.wire) : preloadApi(early.start);
}

/** The preload's API, answering the first snapshot request and pushes with what was asked for early. */
function preloadApi({ api, snapshot, pushes }: PreloadStart): TaskwatchApi {
  let first: PreloadStart['snapshot'] | null = snapshot;
  return {
    invoke(command, input) {
      if (command !== 'getSnapshot' || !first) return api.invoke(command, input);
      const answer = first;
      first = null;
      return answer as ReturnType<typeof api.invoke<typeof command>>;
    },
    on(event, listener) {
      return event === 'snapshot' ? pushes.take(listener as (payload: unknown) => void) : api.on(event, listener);
    },
  };
}
