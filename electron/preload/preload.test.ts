import { describe, expect, it, vi } from 'vitest';

const exposed = vi.hoisted(() => ({ name: '', api: {} as Record<string, unknown> }));
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (name: string, api: Record<string, unknown>) => {
      exposed.name = name;
      exposed.api = api;
    },
  },
  ipcRenderer: { invoke: vi.fn(), send: vi.fn(), on: vi.fn() },
}));

describe('preload (electron mocked)', () => {
  it('exposes one bridge with invoke and stream, nothing per call', async () => {
    await import('./preload.js');
    expect(exposed.name).toBe('berthBridge');
    expect(Object.keys(exposed.api).sort()).toEqual(['invoke', 'stream']);
  });
});
