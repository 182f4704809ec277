/**
 * Resolves at the first SIGINT or SIGTERM (Ctrl+C, `systemctl stop`, `docker stop`) with its name.
 * The monitor's timers do not hold the process open (the app must be able to quit): this does, until then.
 */
export async function untilStopSignal(): Promise<NodeJS.Signals> {
  const keepAlive = setInterval(() => {}, 1 << 30);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  clearInterval(keepAlive);
  return signal;
}
