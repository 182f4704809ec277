/**
 * Resolves at the first SIGINT or SIGTERM (Ctrl+C, `systemctl stop`, `docker stop`) with its name. Called
 * first thing, so a stop asked for while Taskwatch is still starting is kept and honoured once it has
 * started (state saved), instead of the default action killing it half-way.
 */
export function catchStopSignal(): Promise<NodeJS.Signals> {
  return new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

/** Waits for the caught stop signal. The monitor's timers do not hold the process open (the app must be able to quit): this does, until then. */
export async function untilStopSignal(caught: Promise<NodeJS.Signals>): Promise<NodeJS.Signals> {
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    return await caught;
  } finally {
    clearInterval(keepAlive);
  }
}
