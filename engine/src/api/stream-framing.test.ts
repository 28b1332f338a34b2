import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { frame, streamWriter } from './stream-framing.js';

describe('frame', () => {
  it('puts the stream id and the big-endian length in an 8-byte header', () => {
    const framed = frame(2, Buffer.from('oops\n'));
    expect([...framed.subarray(0, 8)]).toEqual([2, 0, 0, 0, 0, 0, 0, 5]);
    expect(framed.subarray(8).toString()).toBe('oops\n');
  });
});

describe('streamWriter', () => {
  it('frames each chunk when multiplexed and passes bytes through for a TTY', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const stdout = streamWriter(out, 1, true);
    const raw = streamWriter(out, 1, false);
    await new Promise<void>((r) => stdout.write(Buffer.from('hi'), () => r()));
    await new Promise<void>((r) => raw.write(Buffer.from('raw'), () => r()));
    expect(Buffer.concat(chunks)).toEqual(
      Buffer.concat([Buffer.from([1, 0, 0, 0, 0, 0, 0, 2]), Buffer.from('hiraw')]),
    );
  });
  it('drops output once the destination is gone instead of waiting', async () => {
    const out = new PassThrough();
    out.destroy();
    const w = streamWriter(out, 1, true);
    await new Promise<void>((r) => w.write(Buffer.from('late'), () => r()));
  });
});
