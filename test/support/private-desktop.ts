/**
 * A desktop session of a test's own: a private D-Bus with an unlocked GNOME Keyring (the Secret Service
 * keytar talks to) and a notification receiver. CLI children given `env` use both, so a test can count
 * every notification it causes without test files that run at the same time adding to, or owning, them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNotificationReceiver, startPrivateSessionBus, type NotificationReceiver } from './notification-receiver';

export interface PrivateDesktop {
  /** Environment for child processes: this session's bus. */
  env: NodeJS.ProcessEnv;
  receiver: NotificationReceiver;
  stop(): Promise<void>;
}

export async function startPrivateDesktop(): Promise<PrivateDesktop> {
  const bus = await startPrivateSessionBus();
  const keyringHome = mkdtempSync(join(tmpdir(), 'taskwatch-keyring-'));
  const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address };
  // The keyring lives as long as its bus; a non-empty unlock password creates its login collection.
  await new Promise<void>((resolve, reject) => {
    const keyring = spawn('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
      env: { ...env, HOME: keyringHome, XDG_RUNTIME_DIR: keyringHome },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    keyring.once('error', reject);
    keyring.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`gnome-keyring-daemon exited with ${code}`))));
    keyring.stdin.end('test-session');
  });
  const receiver = await startNotificationReceiver({ busAddress: bus.address });
  return {
    env,
    receiver,
    async stop() {
      await receiver.stop();
      await bus.stop();
      rmSync(keyringHome, { recursive: true, force: true });
    },
  };
}
