import { describe, expect, it } from 'vitest';
import { CoalescingQueue } from './coalescing-queue.js';

describe('CoalescingQueue', () => {
  it('replaces queued items that share a key, keeping order and the latest value', async () => {
    const queue = new CoalescingQueue<string>();
    queue.push('start');
    queue.push('a:10', 'a');
    queue.push('b:5', 'b');
    queue.push('a:20', 'a');
    queue.push('a:30', 'a');
    queue.push('done');
    queue.end();
    const seen: string[] = [];
    for await (const item of queue) seen.push(item);
    expect(seen).toEqual(['start', 'a:30', 'b:5', 'done']);
  });

  it('wakes a waiting consumer, and ends with the error after what was queued', async () => {
    const queue = new CoalescingQueue<number>();
    const seen: number[] = [];
    const reading = (async () => {
      for await (const n of queue) seen.push(n);
    })();
    await new Promise((r) => setTimeout(r, 5));
    queue.push(1);
    queue.push(2);
    queue.end(new Error('registry went away'));
    await expect(reading).rejects.toThrow('registry went away');
    expect(seen).toEqual([1, 2]);
  });
});
