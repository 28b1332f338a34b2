// A V8 code cache for the CLI's chunks. Node 20 has no compile cache for user code
// (module.enableCompileCache() came in Node 22), so every command parsed and compiled the same
// chunks again: ~15 ms of a `ps` or a `run`. The chunks the bundle requires are compiled here
// through vm.Script with the bytecode a previous run left; a chunk that had none (or whose cache
// V8 rejected: another Node, other flags) is cached when the process exits, with every function
// that ran by then. Caches are kept per command, as the functions that run differ from one
// command to the next. Chunk file names carry a hash of their content (scripts/build-cli.mjs),
// so a cache never meets another version of its chunk. BERTH_CODE_CACHE=0 turns it off.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/** Commands whose second word picks what runs (`container run`, `image ls`). */
const GROUPS = new Set([
  'container',
  'image',
  'volume',
  'network',
  'pod',
  'system',
  'machine',
  'kube',
  'manifest',
  'generate',
  'play',
]);
const WORD = /^[a-z][a-z-]{0,30}$/;

/**
 * The cache's name for this command line: its first word (two for a group command). Global flags'
 * values (`--root /x`) are not words; a value that looks like one only gives another cache.
 */
export function commandKey(argv: readonly string[]): string {
  const words: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    if (!WORD.test(arg)) {
      if (words.length > 0) break;
      continue;
    }
    words.push(arg);
    if (words.length === 2 || !GROUPS.has(words[0]!)) break;
  }
  return words.length > 0 ? words.join('-') : 'none';
}

export function codeCacheDir(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'berth', 'code-cache', `${process.version}-${process.arch}`, commandKey(argv));
}

interface CompiledChunk {
  script: vm.Script;
  cacheFile: string;
}

type Compile = (this: Module, content: string, filename: string) => unknown;

export interface CodeCache {
  /** Chunks compiled so far, and how many of them from a cache V8 accepted. */
  readonly compiled: number;
  readonly fromCache: number;
  /** Writes the caches that were missing or rejected (the entry calls it at exit). */
  write(): void;
  /** Puts Node's own compile back. */
  uninstall(): void;
}

/** Compiles the chunks of `bundleDir` with the caches in `cacheDir` from now on. */
export function installCodeCache(bundleDir: string, cacheDir: string): CodeCache {
  const proto = Module.prototype as unknown as { _compile: Compile };
  const original = proto._compile;
  const toWrite: CompiledChunk[] = [];
  const prefix = bundleDir + path.sep;
  let compiled = 0;
  let fromCache = 0;
  const compileWithCache = function (this: Module, content: string, filename: string) {
    // import() in code compiled by vm.Script needs a loader that Node 20 only has as an
    // experiment, and loses once the code comes from a cache: such a chunk compiles as usual
    // (the build turns import() into require(), so none has it today).
    if (!filename.startsWith(prefix) || !filename.endsWith('.cjs') || content.includes('import('))
      return original.call(this, content, filename);
    const cacheFile = path.join(cacheDir, `${path.basename(filename)}.v8`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // none yet: written at exit
    }
    // Node's CommonJS wrapper, on the chunk's first line: stack traces keep their line numbers.
    const script = new vm.Script(Module.wrap(content), {
      filename,
      cachedData,
    });
    compiled++;
    if (cachedData && !script.cachedDataRejected) fromCache++;
    else toWrite.push({ script, cacheFile });
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    const require = Module.createRequire(filename);
    return wrapper.call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  };
  proto._compile = compileWithCache;
  return {
    get compiled() {
      return compiled;
    },
    get fromCache() {
      return fromCache;
    },
    write: () => writeCaches(toWrite.splice(0), bundleDir, cacheDir),
    uninstall: () => {
      if (proto._compile === compileWithCache) proto._compile = original;
    },
  };
}

/** Written aside and renamed: processes exiting together each leave a whole file or none. */
function writeCaches(chunks: CompiledChunk[], bundleDir: string, cacheDir: string): void {
  if (chunks.length === 0) return;
  try {
    mkdirSync(cacheDir, { recursive: true });
    for (const { script, cacheFile } of chunks) {
      const partial = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
    }
    // A new build's chunks replace the old ones: their caches go with them.
    const chunksNow = new Set(readdirSync(bundleDir));
    for (const name of readdirSync(cacheDir)) {
      if (name.endsWith('.v8') && !chunksNow.has(name.slice(0, -3)))
        rmSync(path.join(cacheDir, name), { force: true });
    }
  } catch {
    // A cache is an optimisation: a read-only or full disk only means compiling next time too.
  }
}
