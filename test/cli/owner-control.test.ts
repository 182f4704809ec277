import { statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { askOwner, offerOwnerControl, ownerControlPath, type OwnerControl } from '../../src-main/cli/owner-control';
import type { OwnedService } from '../../src-main/cli/runtime';
import { scratchFolder } from '../support/core-harness';

/** The door itself (real sockets); what an owner does with a command line: test/serve/serve-takes-cli-changes.test.ts. */
describe('the door a running owner keeps for the command line', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function owner(): Promise<{ home: string; control: OwnerControl; asked: string[][]; logged: string[] }> {
    const folder = await scratchFolder();
    cleanups.push(folder.remove);
    // A socket file left by an owner that was killed: the next owner replaces it.
    writeFileSync(ownerControlPath(folder.path), 'stale');
    const asked: string[][] = [];
    const logged: string[] = [];
    const owned = { service: null, logger: { log: (_level: string, message: string) => void logged.push(message) } } as unknown as OwnedService;
    const control = await offerOwnerControl(folder.path, owned, async (argv, cli) => {
      asked.push(argv);
      cli.out(`did ${argv.join(' ')}`);
      cli.err('a note');
      return 3;
    });
    expect(control).not.toBeNull();
    cleanups.push(() => control!.close());
    return { home: folder.path, control: control!, asked, logged };
  }

  it('carries a command line to the owner and brings back its output and exit code; only its user may open it', async () => {
    const { home, asked } = await owner();
    expect(await askOwner(home, ['mute', 'https://gis.example.com/portal', '--for', '2h'])).toEqual({
      code: 3,
      out: ['did mute https://gis.example.com/portal --for 2h'],
      err: ['a note'],
    });
    expect(asked).toHaveLength(1);
    expect(statSync(ownerControlPath(home)).mode & 0o777).toBe(0o600);
  });

  it('refuses what is not a command line, and goes on answering', async () => {
    const { home, asked, logged } = await owner();
    const closed = await new Promise<string>((resolve) => {
      const socket = createConnection(ownerControlPath(home));
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      socket.on('close', () => resolve(answer));
      socket.on('error', () => {});
      socket.write(`${JSON.stringify({ argv: 'rm -rf /' })}\n`);
    });
    expect(closed).toBe('');
    expect(asked).toEqual([]);
    expect(logged).toContain('Refused a request on the command-line socket');
    expect((await askOwner(home, ['unmute', 'abc']))?.code).toBe(3);
  });

  it('answers null where no owner listens, so the CLI says to stop the owner or use its window', async () => {
    const folder = await scratchFolder();
    cleanups.push(folder.remove);
    expect(await askOwner(folder.path, ['unmute', 'abc'])).toBeNull();
  });
});
