// Drives a command inside a pseudo-terminal, as a user at a terminal would: util-linux's `script`
// allocates the PTY (so berth sees a TTY on stdin and stdout), the test types into it and reads
// what appears. Window-size changes go through `stty -F` on the PTY's slave device, which sends
// SIGWINCH to the foreground process exactly as a terminal emulator's resize does.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';

export class PtySession {
  private output = '';
  readonly child: ChildProcess;
  readonly exited: Promise<number>;

  constructor(shellCommand: string, options: { rows?: number; cols?: number } = {}) {
    const size = `stty rows ${options.rows ?? 24} cols ${options.cols ?? 80}; `;
    this.child = spawn('script', ['-qfec', `${size}exec ${shellCommand}`, '/dev/null'], { stdio: 'pipe' });
    this.child.stdout!.on('data', (c: Buffer) => (this.output += c.toString()));
    this.child.stderr!.on('data', (c: Buffer) => (this.output += c.toString()));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code ?? -1)));
  }

  type(text: string): void {
    this.child.stdin!.write(text);
  }

  /** Everything shown so far. */
  get screen(): string {
    return this.output;
  }

  /** Resolves once `pattern` shows up after `from` (an offset into the screen). */
  async waitFor(pattern: RegExp | string, timeoutMs = 10_000, from = 0): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const found = () => {
      const text = this.output.slice(from);
      return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
    };
    while (!found()) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${String(pattern)}; screen so far:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** The PTY slave that `script` gave its child (the berth process's stdin). */
  private slaveDevice(): string {
    const scriptPid = this.child.pid!;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = execFileSync('cat', [`/proc/${entry}/stat`]).toString();
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid !== scriptPid) continue;
        const fd0 = readlinkSync(`/proc/${entry}/fd/0`);
        if (fd0.startsWith('/dev/pts/')) return fd0;
      } catch {
        // raced with an exiting process
      }
    }
    throw new Error('no PTY found for the session');
  }

  resize(rows: number, cols: number): void {
    execFileSync('stty', ['-F', this.slaveDevice(), 'rows', String(rows), 'cols', String(cols)]);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}
