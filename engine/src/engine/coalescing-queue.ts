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
