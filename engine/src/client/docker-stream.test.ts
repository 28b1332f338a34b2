import { describe, expect, it } from 'vitest';
import { demultiplex, logLines } from './docker-stream.js';

function frame(id: number, text: string): Buffer {
  const data = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = id;
  header.writeUInt32BE(data.length, 4);
  return Buffer.concat([header, data]);
}

async function* chunks(...parts: Buffer[]): AsyncGenerator<Buffer> {
  yield* parts;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('Docker output streams', () => {
  it('splits multiplexed frames even when they arrive cut anywhere, and timestamped lines', async () => {
    const all = Buffer.concat([
      frame(1, '2024-05-01T10:00:00.123456789Z hello\n2024-05-01T10:00:01Z wor'),
      frame(1, 'ld\n'),
      frame(2, '2024-05-01T10:00:02Z oops\n'),
      frame(1, '2024-05-01T10:00:03Z no newline'),
    ]);
    const cut = [all.subarray(0, 5), all.subarray(5, 40), all.subarray(40)];
    const lines = await collect(logLines(demultiplex(chunks(...cut), true)));
    expect(lines).toEqual([
      { stream: 'stdout', time: '2024-05-01T10:00:00.123456789Z', text: 'hello', complete: true },
      { stream: 'stdout', time: '2024-05-01T10:00:01Z', text: 'world', complete: true },
      { stream: 'stderr', time: '2024-05-01T10:00:02Z', text: 'oops', complete: true },
      { stream: 'stdout', time: '2024-05-01T10:00:03Z', text: 'no newline', complete: false },
    ]);
  });
  it('passes a TTY stream through as stdout', async () => {
    const out = await collect(demultiplex(chunks(Buffer.from('raw\r\n')), false));
    expect(out.map((c) => ({ stream: c.stream, text: c.data.toString() }))).toEqual([
      { stream: 'stdout', text: 'raw\r\n' },
    ]);
  });
});
