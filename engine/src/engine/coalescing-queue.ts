// A queue between a producer that must not wait (a pull reporting progress while it downloads)
// and a consumer that may be slow (a window far away over IPC): an item pushed with a key
// replaces a queued item with the same key, so memory stays bounded by the number of keys and
// the consumer always gets the latest state, never a backlog of stale progress.
export class CoalescingQueue<T> implements AsyncIterable<T> {
  private readonly items: { value: T; key: string | undefined }[] = [];
  private wake: (() => void) | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;

  get size(): number {
    return this.items.length;
  }

  push(value: T, key?: string): void {
    if (this.ended) return;
    const queued = key === undefined ? undefined : this.items.find((i) => i.key === key);
    if (queued) queued.value = value;
    else this.items.push({ value, key });
    this.wake?.();
  }

  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (error !== undefined) this.failure = { error };
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    while (true) {
      const next = this.items.shift();
      if (next) {
        yield next.value;
        continue;
      }
      if (this.ended) {
        if (this.failure) throw this.failure.error;
        return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}

/**
 * Streams what a long job (a pull, a build) reports through a callback. The job gets a signal
 * that aborts when the client cancels or stops reading; the stream ends only once the job has
 * settled, so an aborted job has put the store back as it was before the consumer moves on.
 */
export async function* streamJob<T>(
  signal: AbortSignal,
  job: (push: (value: T, key?: string) => void, signal: AbortSignal) => Promise<unknown>,
): AsyncGenerator<T> {
  const controller = new AbortController();
  const forward = () => controller.abort(signal.reason);
  if (signal.aborted) forward();
  else signal.addEventListener('abort', forward, { once: true });
  const queue = new CoalescingQueue<T>();
  const running = job((value, key) => queue.push(value, key), controller.signal).then(
    () => queue.end(),
    (error: unknown) => queue.end(controller.signal.aborted ? undefined : error),
  );
  try {
    yield* queue;
  } finally {
    signal.removeEventListener('abort', forward);
    controller.abort();
    await running;
  }
}
