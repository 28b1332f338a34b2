import { describe, expect, it, vi } from 'vitest';
import { AsyncQueue } from './async-queue.js';

describe('AsyncQueue', () => {
  it('delivers pushed items in order to a waiting or later consumer, then the end', async () => {
    const onTake = vi.fn();
    const queue = new AsyncQueue<number>({ onTake });
    queue.push(1);
    const seen: number[] = [];
    const reading = (async () => {
      for await (const n of queue) seen.push(n);
    })();
    await Promise.resolve();
    queue.push(2);
    queue.end();
    await reading;
    expect(seen).toEqual([1, 2]);
    expect(onTake).toHaveBeenCalledTimes(2);
    expect(queue.push(3)).toBe(false);
  });

  it('rejects with the error after the queued items', async () => {
    const queue = new AsyncQueue<number>();
    queue.push(1);
    queue.end(new Error('gone'));
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const n of queue) seen.push(n);
      })(),
    ).rejects.toThrow('gone');
    expect(seen).toEqual([1]);
  });

  it('tells the producer when the consumer stops early, not when it reaches the end', async () => {
    const onReturn = vi.fn();
    const queue = new AsyncQueue<number>({ onReturn });
    queue.push(1);
    queue.push(2);
    for await (const n of queue) if (n === 1) break;
    expect(onReturn).toHaveBeenCalledTimes(1);
    const finished = new AsyncQueue<number>({ onReturn });
    finished.end();
    for await (const _ of finished) throw new Error('no items expected');
    expect(onReturn).toHaveBeenCalledTimes(1);
  });
});
