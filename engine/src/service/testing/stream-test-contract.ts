// A small contract and engine for testing the contract machinery (dispatcher, transports) on
// its own: an infinite counter that records how far it was read and whether it was stopped, a
// duplex "shell" with the terminal input schema, and a stream that fails.
import { z } from 'zod';
import { call, defineDomain, duplexStream, returns, stream } from '../../contract/contract-spec.js';
import type { Engine } from '../../contract/engine-contract.js';
import { terminalInput, type TerminalInput, type TerminalOutput } from '../../contract/terminal-io.js';

export const testDomain = defineDomain('test', {
  calls: {
    'test.echo': call(z.object({ text: z.string().max(100) }).strict(), returns<{ text: string }>()),
    /** Never answers: a call still under way when the connection drops. */
    'test.hang': call(z.object({}).strict(), returns<never>()),
    /** Answers with what JSON cannot carry (a BigInt): an engine bug the transports survive. */
    'test.unserializable': call(z.object({}).strict(), returns<{ n: bigint }>()),
  },
  streams: {
    'test.count': stream(z.object({ from: z.number().int() }).strict(), returns<number>()),
    'test.shell': duplexStream(z.object({}).strict(), returns<TerminalOutput>(), terminalInput),
    'test.fail': stream(z.object({}).strict(), returns<number>()),
  },
});

export const TEST_CONTRACT = { calls: testDomain.calls, streams: testDomain.streams };

export interface CounterProbe {
  /** Items the counter produced (read from it by the dispatcher). */
  produced: number;
  /** The stream's signal was aborted. */
  aborted: boolean;
  /** The generator's finally ran (it was stopped or returned). */
  stopped: boolean;
}

export function createTestEngine(): { engine: Engine; counters: CounterProbe[] } {
  const counters: CounterProbe[] = [];
  const handlers = {
    'test.echo': async ({ text }: { text: string }) => ({ text }),
    'test.hang': () => new Promise<never>(() => undefined),
    'test.unserializable': async () => ({ n: 1n }),
    'test.count': async function* ({ from }: { from: number }, { signal }: { signal: AbortSignal }) {
      const probe: CounterProbe = { produced: 0, aborted: false, stopped: false };
      counters.push(probe);
      signal.addEventListener('abort', () => (probe.aborted = true), { once: true });
      try {
        for (let n = from; ; n++) {
          // A source that takes a moment per item, like a log file being followed.
          await new Promise((r) => setTimeout(r, 0));
          probe.produced++;
          yield n;
        }
      } finally {
        probe.stopped = true;
      }
    },
    'test.shell': async function* (
      _input: object,
      { incoming }: { incoming: AsyncIterable<TerminalInput> },
    ): AsyncGenerator<TerminalOutput> {
      for await (const message of incoming) {
        if (message.type === 'resize') {
          yield { type: 'data', data: `resized to ${message.cols}x${message.rows}\r\n` };
        } else if (message.data === 'exit\n') {
          yield { type: 'exit', code: 0 };
          return;
        } else {
          yield { type: 'data', data: message.data.toUpperCase() };
        }
      }
    },
    'test.fail': async function* () {
      yield 1;
      throw Object.assign(new Error('the log file was removed'), { wireCode: 'not-found' });
    },
  };
  return { engine: handlers as unknown as Engine, counters };
}
