// A queue read as an async iterable: producers push, one consumer iterates with for-await. The
// consumer stopping early (break, return) calls `onReturn`, which is how a stream's consumer
// cancels it at the source. Isomorphic: used by the dispatcher (what a client sends into a
// duplex stream) and by the renderer (items of an open stream).

export interface AsyncQueueHooks {
  /** After the consumer took an item (a stream grants more credit from here). */
  onTake?: () => void;
  /** The consumer stopped iterating before the end. */
  onReturn?: () => void;
}

export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private iterating = false;

  constructor(private readonly hooks: AsyncQueueHooks = {}) {}

  get size(): number {
    return this.items.length;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Adds an item; false when the queue has ended (the item is dropped). */
  push(item: T): boolean {
    if (this.ended) return false;
    if (this.waiter) {
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve({ value: item, done: false });
      this.hooks.onTake?.();
    } else {
      this.items.push(item);
    }
    return true;
  }

  /** No more items: the consumer gets what is queued, then the end (or the error). */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (error !== undefined) this.failure = { error };
    if (this.waiter && this.items.length === 0) {
      const waiter = this.waiter;
      this.waiter = undefined;
      if (this.failure) waiter.reject(this.failure.error);
      else waiter.resolve({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.iterating) throw new Error('this stream is already being read: it has one consumer');
    this.iterating = true;
    return {
      next: () => {
        if (this.items.length > 0) {
          const value = this.items.shift()!;
          this.hooks.onTake?.();
          return Promise.resolve({ value, done: false });
        }
        if (this.ended) {
          if (this.failure) {
            const { error } = this.failure;
            this.failure = undefined;
            return Promise.reject(error);
          }
          return Promise.resolve({ value: undefined, done: true });
        }
        if (this.waiter) return Promise.reject(new Error('next() called before the previous one settled'));
        return new Promise<IteratorResult<T>>((resolve, reject) => (this.waiter = { resolve, reject }));
      },
      return: () => {
        const early = !this.ended;
        this.ended = true;
        this.items.length = 0;
        if (this.waiter) {
          this.waiter.resolve({ value: undefined, done: true });
          this.waiter = undefined;
        }
        if (early) this.hooks.onReturn?.();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
