// conmon reports on its sync and attach pipes with one JSON object per line:
// `{"data": <pid or exit code>}` or `{"data": -1, "message": "<runc stderr>"}`.
// This reader hands them out one at a time, and says when the pipe ended without one.
import type { Readable } from 'node:stream';

export interface ConmonMessage {
  data: number;
  message?: string;
}

export class ConmonMessageReader {
  private buffer = '';
  private readonly queue: ConmonMessage[] = [];
  private ended = false;
  private failure: Error | undefined;
  private waiter: (() => void) | undefined;

  constructor(private readonly stream: Readable) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl).trim();
        this.buffer = this.buffer.slice(nl + 1);
        if (line) this.push(line);
      }
      this.wake();
    });
    const end = () => {
      // A last object without a newline still counts.
      if (this.buffer.trim()) this.push(this.buffer.trim());
      this.buffer = '';
      this.ended = true;
      this.wake();
    };
    stream.on('end', end);
    stream.on('close', end);
    stream.on('error', (error) => {
      this.failure = error;
      this.wake();
    });
  }

  private push(line: string): void {
    try {
      const parsed = JSON.parse(line) as { data?: unknown; message?: unknown };
      if (typeof parsed.data === 'number') {
        this.queue.push({
          data: parsed.data,
          ...(typeof parsed.message === 'string' ? { message: parsed.message } : {}),
        });
        return;
      }
    } catch {
      // fall through: report it as a message so that nothing conmon says is lost
    }
    this.queue.push({ data: -1, message: `unexpected line from conmon: ${line}` });
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  /** The next message, or undefined when the pipe closed first. */
  async next(): Promise<ConmonMessage | undefined> {
    while (true) {
      const message = this.queue.shift();
      if (message) return message;
      if (this.failure) throw this.failure;
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  /** Stops reading; conmon may keep its end open for as long as the container lives. */
  close(): void {
    this.stream.destroy();
  }
}
