// Reading what `login` needs from the user: all of stdin (--password-stdin), or a prompt on the
// terminal with the password not echoed. Never from a pipe without being asked to.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export function stdinIsTerminal(): boolean {
  return process.stdin.isTTY === true;
}

/** Asks one question on the terminal; `secret` hides the answer as it is typed. */
export async function promptLine(question: string, out: Writable, secret = false): Promise<string> {
  let muted = false;
  const echo = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) out.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output: echo, terminal: true });
  try {
    const answer = new Promise<string>((resolve) => rl.question(question, resolve));
    muted = secret;
    return await answer;
  } finally {
    rl.close();
    if (secret) out.write('\n');
  }
}
