// Runs a helper program whose output is not needed (mount, umount, unshare, runc start/delete...):
// standard input and output are /dev/null and only standard error is read, for the error message.
// Node makes a socket for each pipe of a child (execFile makes three), and the first ones a
// command makes cost ~1 ms each before the child even starts: on a container's start and removal
// these helpers run back to back.
import { spawn } from 'node:child_process';

/** A helper that could not start, or that ended with another status than 0. */
export class QuietRunError extends Error {
  constructor(
    message: string,
    /** The exit status; null when a signal ended it or it never started. */
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
  }
}

export interface QuietRunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Ends the program (SIGTERM) after this long; the failure then says so. */
  timeoutMs?: number;
}

/** Resolves when `file` exits 0; otherwise rejects with its standard error as the message. */
export function runQuiet(
  file: string,
  args: readonly string[],
  options: QuietRunOptions = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.env ? { env: options.env } : {}),
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => reject(new QuietRunError(`${file}: ${error.message}`, null, stderr)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      const why = stderr.trim() || (signal ? `ended by ${signal}` : `exit status ${code}`);
      reject(new QuietRunError(why, code, stderr));
    });
  });
}
