import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { EngineCalls } from '../../engine/src/contract/engine-contract.js';
import { bindContractToIpc, CONTRACT_CHANNEL } from './contract-ipc.js';

class FakeWebContents extends EventEmitter {
  readonly sent: unknown[] = [];
  constructor(readonly id: number) {
    super();
  }
  isDestroyed() {
    return false;
  }
  send(_channel: string, message: unknown) {
    this.sent.push(message);
  }
}

const engine = {
  'system.version': async () => ({ Client: { Version: '9.9.9' } }),
  'system.info': async () => {
    throw new Error('store is locked');
  },
} as unknown as EngineCalls;

function setup() {
  const ipcMain = new EventEmitter();
  const unbind = bindContractToIpc(ipcMain as never, engine, (url) => url.startsWith('file:///app/'));
  const contents = new FakeWebContents(1);
  const emit = (message: unknown, url = 'file:///app/index.html') =>
    ipcMain.emit(CONTRACT_CHANNEL, { sender: contents, senderFrame: { url } }, message);
  const settle = () => new Promise((r) => setTimeout(r, 10));
  return { ipcMain, contents, emit, settle, unbind };
}

describe('contract over Electron IPC (electron mocked)', () => {
  it('answers calls from the app frame on the same channel', async () => {
    const { contents, emit, settle } = setup();
    emit({ kind: 'call', id: 7, method: 'system.version', input: {} });
    await settle();
    expect(contents.sent).toEqual([
      { kind: 'result', id: 7, ok: true, value: { Client: { Version: '9.9.9' } } },
    ]);
  });

  it('carries engine errors and rejects invalid input', async () => {
    const { contents, emit, settle } = setup();
    emit({ kind: 'call', id: 1, method: 'system.info', input: {} });
    emit({ kind: 'call', id: 2, method: 'system.info', input: { rogue: 1 } });
    emit({ kind: 'call', id: 'x' });
    await settle();
    expect(contents.sent).toContainEqual({
      kind: 'result',
      id: 1,
      ok: false,
      error: { message: 'store is locked', code: 'internal' },
    });
    expect(contents.sent).toContainEqual(
      expect.objectContaining({
        id: 2,
        ok: false,
        error: expect.objectContaining({ code: 'invalid-input' }),
      }),
    );
    expect(contents.sent).toContainEqual(expect.objectContaining({ id: -1, ok: false }));
  });

  it('ignores messages from frames that are not the app', async () => {
    const { contents, emit, settle } = setup();
    emit({ kind: 'call', id: 1, method: 'system.version', input: {} }, 'https://evil.example/');
    await settle();
    expect(contents.sent).toEqual([]);
  });

  it('stops listening when unbound', async () => {
    const { ipcMain, unbind } = setup();
    expect(ipcMain.listenerCount(CONTRACT_CHANNEL)).toBe(1);
    unbind();
    expect(ipcMain.listenerCount(CONTRACT_CHANNEL)).toBe(0);
  });
});
