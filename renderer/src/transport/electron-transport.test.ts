import { describe, expect, it } from 'vitest';
import type { BerthBridge } from '../../../engine/src/contract/desktop-bridge.js';
import type { StreamMessage } from '../../../engine/src/contract/wire-messages.js';
import { ElectronTransport } from './electron-transport.js';
import { EngineCallError } from './transport.js';

describe('ElectronTransport', () => {
  it('unwraps call outcomes into values and EngineCallErrors with their code', async () => {
    const bridge: BerthBridge = {
      invoke: async (method) =>
        method === 'ok'
          ? { ok: true, value: 42 }
          : { ok: false, error: { message: 'no such image', code: 'not-found' } },
      stream: () => {
        throw new Error('unused');
      },
    };
    const t = new ElectronTransport(bridge);
    await expect(t.call('ok', {})).resolves.toBe(42);
    const error = await t.call('x', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineCallError);
    expect(error).toMatchObject({ message: 'no such image', code: 'not-found' });
  });

  it('delivers a bridge stream’s items and end to the sink', () => {
    let listener: ((m: StreamMessage) => void) | undefined;
    const bridge: BerthBridge = {
      invoke: async () => ({ ok: true, value: undefined }),
      stream: (_name, _input, _window, l) => {
        listener = l;
        return { send: () => undefined, credit: () => undefined, cancel: () => undefined };
      },
    };
    const got: unknown[] = [];
    new ElectronTransport(bridge).openStream('images.pull', {}, 8, {
      item: (v) => got.push(v),
      end: (e) => got.push(['end', e]),
    });
    listener!({ kind: 'item', id: 1, value: 'a' });
    listener!({ kind: 'end', id: 1, error: { message: 'x', code: 'engine' } });
    expect(got).toEqual(['a', ['end', { message: 'x', code: 'engine' }]]);
  });
});
