// Loads a CommonJS bundle through vm.Script with a V8 code cache beside it, the way Node's own
// loader would run it but without parsing and compiling it again: Node 20 has no compile cache
// for user code (module.enableCompileCache() came in Node 22). A cache made after the program has
// run holds the bytecode of every function that ran, so a later start skips their compilation too.
// V8 checks the cache against its version, flags and the source, and ignores one that does not
// match (cacheRejected): the program then compiles as usual and the caller writes a fresh cache.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export interface CachedScript<Exports> {
  exports: Exports;
  /** A cache file was there and V8 used it. */
  cacheUsed: boolean;
  /** Writes the compiled code as it is now (call it once the program has done its start-up). */
  writeCache(): void;
}

export function codeCachePath(file: string): string {
  return `${file}.v8cache`;
}

export function loadCachedScript<Exports>(file: string): CachedScript<Exports> {
  const cacheFile = codeCachePath(file);
  const source = readFileSync(file, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache yet: compile, and let the caller write one
  }
  // Node's CommonJS wrapper, on the first line so that line numbers in stack traces stay right.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} as Exports };
  const run = script.runInThisContext() as (
    exports: Exports,
    require: NodeJS.Require,
    module: { exports: Exports },
    filename: string,
    dirname: string,
  ) => void;
  run(module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    cacheUsed: cachedData !== undefined && !script.cachedDataRejected,
    writeCache() {
      // Written aside and renamed: a machine powered off mid-write keeps the old cache or none.
      const partial = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
    },
  };
}
