import { describe, expect, it } from 'vitest';
import { ElectronTransport, type BerthBridge } from './electron-transport.js';
import { EngineCallError } from './transport.js';

function loopbackBridge(answer: (message: { id: number; method: string }) => unknown): BerthBridge {
  let listener: ((m: unknown) => void) | undefined;
  return {
    send: (message) => queueMicrotask(() => listener?.(answer(message as { id: number; method: string }))),
    onMessage: (l) => {
      listener = l;
      return () => (listener = undefined);
    },
  };
}

describe('ElectronTransport', () => {
  it('settles calls from result messages by id', async () => {
    const t = new ElectronTransport(
      loopbackBridge((m) => ({ kind: 'result', id: m.id, ok: true, value: m.method })),
    );
    await expect(Promise.all([t.call('a', {}), t.call('b', {})])).resolves.toEqual(['a', 'b']);
  });

  it('rejects with the engine error and its code', async () => {
    const t = new ElectronTransport(
      loopbackBridge((m) => ({
        kind: 'result',
        id: m.id,
        ok: false,
        error: { message: 'no such image', code: 'not-found' },
      })),
    );
    const error = await t.call('x', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineCallError);
    expect(error).toMatchObject({ message: 'no such image', code: 'not-found' });
  });
});
