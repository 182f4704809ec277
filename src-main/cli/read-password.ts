import { UsageError } from './usage-error';

/**
 * The password from standard input: typed at a prompt with no echo on a terminal, or piped
 * (`printf %s "$PW" | taskwatch portal add ...`) in scripts. Never from an argument, which `ps` would show.
 */
export async function readPassword(prompt: string, stdin = process.stdin, stderr = process.stderr): Promise<string> {
  const password = stdin.isTTY ? await readHidden(prompt, stdin, stderr) : await readPiped(stdin);
  if (password === '') throw new UsageError('No password given: type it at the prompt or pipe it to standard input.');
  return password;
}

async function readPiped(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk));
  // One trailing newline belongs to the pipe (echo), not to the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function readHidden(prompt: string, stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<string> {
  stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (action: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      action();
    };
    const onData = (text: string) => {
      for (const char of text) {
        if (char === '\r' || char === '\n') return finish(() => resolve(typed));
        if (char === '\u0003') return finish(() => reject(new UsageError('Cancelled.')));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
