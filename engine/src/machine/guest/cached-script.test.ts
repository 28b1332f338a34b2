import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codeCachePath, loadCachedScript } from './cached-script.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function bundle(source: string): string {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cached-script-'));
  const file = path.join(dir, 'bundle.cjs');
  writeFileSync(file, source);
  return file;
}

describe('loadCachedScript', () => {
  it('runs a CommonJS file with require, module and __dirname, then uses the cache it wrote', () => {
    const file = bundle(
      "const path = require('node:path'); module.exports = { twice: (n) => n * 2, dir: path.basename(__dirname), file: __filename };",
    );
    const first = loadCachedScript<{ twice(n: number): number; dir: string; file: string }>(file);
    expect(first.cacheUsed).toBe(false);
    expect(first.exports.twice(21)).toBe(42);
    expect(first.exports.dir).toBe(path.basename(dir));
    expect(first.exports.file).toBe(file);
    first.writeCache();
    expect(existsSync(codeCachePath(file))).toBe(true);

    const second = loadCachedScript<{ twice(n: number): number }>(file);
    expect(second.cacheUsed).toBe(true);
    expect(second.exports.twice(4)).toBe(8);
  });

  it('ignores a cache that does not belong to the file (V8 rejects it) and still runs the file', () => {
    const file = bundle('module.exports = 7;');
    writeFileSync(codeCachePath(file), 'not a V8 code cache');
    const loaded = loadCachedScript<number>(file);
    expect(loaded.cacheUsed).toBe(false);
    expect(loaded.exports).toBe(7);
  });

  it('reports line numbers of the file itself in stack traces', () => {
    const file = bundle("\n\nmodule.exports = () => new Error('here').stack;");
    const stack = loadCachedScript<() => string>(file).exports();
    expect(stack).toContain(`${file}:3:`);
  });
});
