import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWindowBounds, saveWindowBounds } from './window-state.js';

describe('window state', () => {
  it('round-trips bounds and ignores corrupt or absurd files', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-ws-'));
    const file = path.join(dir, 'state.json');
    expect(loadWindowBounds(file)).toBeUndefined();
    saveWindowBounds(file, { x: 1, y: 2, width: 1200, height: 800, maximized: true });
    expect(loadWindowBounds(file)).toEqual({ x: 1, y: 2, width: 1200, height: 800, maximized: true });
    writeFileSync(file, '{not json');
    expect(loadWindowBounds(file)).toBeUndefined();
    writeFileSync(file, JSON.stringify({ width: 5, height: 5 }));
    expect(loadWindowBounds(file)).toBeUndefined();
    rmSync(dir, { recursive: true, force: true });
  });
});
