// Reading Docker's container output streams: the 8-byte multiplexing header of a container
// without a TTY (stream id, three zero bytes, big-endian length), raw bytes with a TTY; and log
// lines with the timestamps Docker puts in front when asked (`timestamps=1`).
import type { ContainerLogLine } from '../contract/container-types.js';

export interface StreamChunk {
  stream: 'stdout' | 'stderr';
  data: Buffer;
}

/** Splits a multiplexed stream into its chunks (or passes a TTY's raw bytes as stdout). */
export async function* demultiplex(
  source: AsyncIterable<Buffer>,
  multiplexed: boolean,
): AsyncGenerator<StreamChunk> {
  if (!multiplexed) {
    for await (const data of source) yield { stream: 'stdout', data };
    return;
  }
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 8) {
      const length = pending.readUInt32BE(4);
      if (pending.length < 8 + length) break;
      const id = pending[0];
      const data = pending.subarray(8, 8 + length);
      pending = pending.subarray(8 + length);
      // 0 is stdin echoed back; only output is a log.
      if (id === 1 || id === 2) yield { stream: id === 2 ? 'stderr' : 'stdout', data };
    }
  }
}

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) ?/;

/** Chunks as log lines: split at newlines per stream, the leading timestamp taken off. */
export async function* logLines(chunks: AsyncIterable<StreamChunk>): AsyncGenerator<ContainerLogLine> {
  const pending: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  const line = (stream: 'stdout' | 'stderr', text: string, complete: boolean): ContainerLogLine => {
    const stamp = TIMESTAMP.exec(text);
    return stamp
      ? { stream, time: stamp[1]!, text: text.slice(stamp[0].length), complete }
      : { stream, time: new Date().toISOString(), text, complete };
  };
  for await (const { stream, data } of chunks) {
    pending[stream] += data.toString('utf8');
    let newline: number;
    while ((newline = pending[stream].indexOf('\n')) >= 0) {
      const text = pending[stream].slice(0, newline).replace(/\r$/, '');
      pending[stream] = pending[stream].slice(newline + 1);
      yield line(stream, text, true);
    }
  }
  for (const stream of ['stdout', 'stderr'] as const)
    if (pending[stream] !== '') yield line(stream, pending[stream], false);
}
