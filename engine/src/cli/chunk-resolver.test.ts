import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installChunkResolver, isChunkRequest } from './chunk-resolver.js';

describe('isChunkRequest', () => {
  it('takes only ./name.cjs from a module in the bundle folder', () => {
    expect(isChunkRequest('./run-abc.cjs', '/b/dist/main.cjs', '/b/dist')).toBe(true);
    expect(isChunkRequest('./sub/run.cjs', '/b/dist/main.cjs', '/b/dist')).toBe(false);
    expect(isChunkRequest('../run.cjs', '/b/dist/main.cjs', '/b/dist')).toBe(false);
    expect(isChunkRequest('./run.js', '/b/dist/main.cjs', '/b/dist')).toBe(false);
    expect(isChunkRequest('node:fs', '/b/dist/main.cjs', '/b/dist')).toBe(false);
    expect(isChunkRequest('./run.cjs', '/elsewhere/x.cjs', '/b/dist')).toBe(false);
    expect(isChunkRequest('./run.cjs', undefined, '/b/dist')).toBe(false);
  });
});

describe('installChunkResolver', () => {
  let dir: string;
  let bundle: string;
  let uninstall: (() => void) | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'berth-chunk-resolver-'));
    bundle = path.join(dir, 'dist');
    mkdirSync(path.join(bundle, 'sub'), { recursive: true });
    writeFileSync(
      path.join(bundle, 'main-abc.cjs'),
      `exports.value = require('./other-def.cjs').base + require('./sub/deep.cjs').deep;
exports.builtin = typeof require('node:path').join;
exports.missing = () => require('./gone-xyz.cjs');`,
    );
    writeFileSync(path.join(bundle, 'other-def.cjs'), 'exports.base = 40;');
    writeFileSync(path.join(bundle, 'sub', 'deep.cjs'), 'exports.deep = 2;');
  });
  afterEach(() => {
    uninstall?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads chunks that require each other, and leaves other requests to Node', () => {
    uninstall = installChunkResolver(bundle);
    const load = createRequire(path.join(bundle, 'entry.cjs'));
    const main = load('./main-abc.cjs') as { value: number; builtin: string; missing(): unknown };
    expect(main.value).toBe(42);
    expect(main.builtin).toBe('function');
    expect(load.cache[path.join(bundle, 'other-def.cjs')]).toBeDefined();
    // A chunk that is not there fails with its path, as a missing file does.
    expect(() => main.missing()).toThrow(path.join(bundle, 'gone-xyz.cjs'));
  });

  it('puts Node back when uninstalled', () => {
    installChunkResolver(bundle)();
    const load = createRequire(path.join(bundle, 'entry.cjs'));
    expect(() => load('./gone-xyz.cjs')).toThrow(/Cannot find module/);
  });
});
