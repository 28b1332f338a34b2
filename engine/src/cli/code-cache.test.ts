import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeCacheDir, commandKey, installCodeCache } from './code-cache.js';

describe('commandKey', () => {
  it('names a cache after the command, skipping global flags and their values', () => {
    expect(commandKey(['--root', '/tmp/x', '--runroot', '/tmp/y', 'run', '--rm', 'busybox', 'true'])).toBe(
      'run',
    );
    expect(commandKey(['container', 'ls', '-a'])).toBe('container-ls');
    expect(commandKey(['image', '--help'])).toBe('image');
    expect(commandKey(['ps', '-a'])).toBe('ps');
    expect(commandKey([])).toBe('none');
    expect(commandKey(['--version'])).toBe('none');
  });

  it('keeps caches apart per Node version under the user cache folder', () => {
    expect(codeCacheDir(['ps'], { XDG_CACHE_HOME: '/c' })).toBe(
      path.join('/c', 'berth', 'code-cache', `${process.version}-${process.arch}`, 'ps'),
    );
  });
});

describe('installCodeCache', () => {
  let dir: string;
  let bundle: string;
  let cacheDir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'berth-code-cache-'));
    bundle = path.join(dir, 'dist');
    cacheDir = path.join(dir, 'cache');
    mkdirSync(bundle);
    writeFileSync(
      path.join(bundle, 'chunk-abc.cjs'),
      `const other = require('./other-def.cjs');
exports.answer = () => other.base + 40;
exports.where = () => new Error('here').stack.split('\\n')[1];
exports.lazy = () => typeof require('./lazy-ghi.cjs').later;`,
    );
    writeFileSync(
      path.join(bundle, 'lazy-ghi.cjs'),
      "exports.later = () => import('node:path').then((m) => typeof m.join);",
    );
    writeFileSync(path.join(bundle, 'other-def.cjs'), 'exports.base = 2;');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const requireFresh = () => {
    const load = createRequire(path.join(bundle, 'entry.cjs'));
    for (const key of Object.keys(load.cache)) if (key.startsWith(bundle)) delete load.cache[key];
    return load('./chunk-abc.cjs') as { answer(): number; where(): string; lazy(): string };
  };

  it('compiles without a cache first, writes one, and runs from it next time', () => {
    const first = installCodeCache(bundle, cacheDir);
    try {
      const chunk = requireFresh();
      expect(chunk.answer()).toBe(42);
      expect(chunk.where()).toContain(`${path.join(bundle, 'chunk-abc.cjs')}:3:`);
      expect(chunk.lazy()).toBe('function');
      // The chunk with import() is left to Node: it would fail from a cache.
      expect([first.compiled, first.fromCache]).toEqual([2, 0]);
      first.write();
    } finally {
      first.uninstall();
    }
    expect(readdirSync(cacheDir).sort()).toEqual(['chunk-abc.cjs.v8', 'other-def.cjs.v8']);

    const second = installCodeCache(bundle, cacheDir);
    try {
      const chunk = requireFresh();
      expect(chunk.answer()).toBe(42);
      expect(chunk.lazy()).toBe('function');
      expect([second.compiled, second.fromCache]).toEqual([2, 2]);
    } finally {
      second.uninstall();
    }
  });

  it('compiles anew over a damaged cache and replaces it; drops caches of chunks gone', () => {
    mkdirSync(cacheDir);
    writeFileSync(path.join(cacheDir, 'chunk-abc.cjs.v8'), 'not bytecode');
    writeFileSync(path.join(cacheDir, 'old-123.cjs.v8'), 'a chunk of an earlier build');
    const cache = installCodeCache(bundle, cacheDir);
    try {
      expect(requireFresh().answer()).toBe(42);
      expect(cache.fromCache).toBe(0);
      cache.write();
    } finally {
      cache.uninstall();
    }
    expect(readdirSync(cacheDir).sort()).toEqual(['chunk-abc.cjs.v8', 'other-def.cjs.v8']);
    const again = installCodeCache(bundle, cacheDir);
    try {
      expect(requireFresh().answer()).toBe(42);
      expect(again.fromCache).toBe(2);
    } finally {
      again.uninstall();
    }
  });

  it('leaves modules outside the bundle to Node', () => {
    const cache = installCodeCache(path.join(dir, 'elsewhere'), cacheDir);
    try {
      expect(requireFresh().answer()).toBe(42);
      expect(cache.compiled).toBe(0);
    } finally {
      cache.uninstall();
    }
  });
});
