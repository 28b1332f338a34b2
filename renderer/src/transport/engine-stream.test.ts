import { describe, expect, it } from 'vitest';
import { FakeTransport } from '../testing/fake-transport.js';
import { DEFAULT_STREAM_WINDOW as CONTRACT_WINDOW } from '../../../engine/src/contract/wire-messages.js';
import { DEFAULT_STREAM_WINDOW, EngineStream } from './engine-stream.js';

describe('EngineStream', () => {
  it("opens with the contract's default window", () => {
    expect(DEFAULT_STREAM_WINDOW).toBe(CONTRACT_WINDOW);
  });

  it('grants credit in batches as items are consumed', async () => {
    const transport = new FakeTransport({});
    const stream = new EngineStream<number>(transport, 'images.pull', {}, { window: 4 });
    const fake = transport.stream('images.pull')!;
    for (let i = 0; i < 5; i++) fake.push(i);
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    expect(fake.credits).toBe(0);
    await iterator.next();
    expect(fake.credits).toBe(2);
    await iterator.next();
    await iterator.next();
    expect(fake.credits).toBe(4);
    stream.cancel();
  });

  it('cancels at the source when the reader breaks or the signal aborts, not after the end', async () => {
    const transport = new FakeTransport({});
    const broken = new EngineStream<number>(transport, 'images.pull', {});
    transport.stream('images.pull')!.push(1);
    for await (const _ of broken) break;
    expect(transport.stream('images.pull')!.cancelled).toBe(true);

    const view = new AbortController();
    new EngineStream<number>(transport, 'images.pull', {}, { signal: view.signal });
    view.abort();
    expect(transport.stream('images.pull')!.cancelled).toBe(true);

    const finished = new EngineStream<number>(transport, 'images.pull', {});
    const fake = transport.stream('images.pull')!;
    fake.push(7);
    fake.end();
    const seen: number[] = [];
    for await (const n of finished) seen.push(n);
    expect(seen).toEqual([7]);
    expect(fake.cancelled).toBe(false);
    expect(finished.isFinished).toBe(true);
  });

  it('raises the engine’s error with its code, and sends into duplex streams', async () => {
    const transport = new FakeTransport({});
    const stream = new EngineStream<string, { type: 'data'; data: string }>(transport, 'images.pull', {});
    const fake = transport.stream('images.pull')!;
    stream.send({ type: 'data', data: 'ls\n' });
    expect(fake.sent).toEqual([{ type: 'data', data: 'ls\n' }]);
    fake.end({ message: 'image not known', code: 'not-found' });
    await expect(stream[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'not-found' });
    stream.send({ type: 'data', data: 'ignored' });
    expect(fake.sent).toHaveLength(1);
  });
});
