import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { InputError } from '../lib/errors';

/** Reads all of a stream and returns its first line (a password piped in, e.g. `echo … |`). */
export async function readFirstLine(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Asks for a line on the terminal without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

/**
 * The new password for `users create` / `users passwd`: asked twice without echo on a
 * terminal, else read from standard input (first line). Never from an argument or the
 * environment, where it would end up in shell history or process listings.
 */
export async function readNewPassword(options: { stdin?: boolean }): Promise<string> {
  if (!options.stdin && process.stdin.isTTY) {
    const first = await promptHidden('Neues Passwort: ');
    const second = await promptHidden('Passwort wiederholen: ');
    if (first !== second) throw new InputError('Die beiden Eingaben stimmen nicht überein.');
    return first;
  }
  return readFirstLine(process.stdin);
}
