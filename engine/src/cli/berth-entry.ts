// Process entry of the bundled CLI. The process ends when the command is done, even if a
// watcher is still open (a detached exec's exit watch, a follower's timer): on Linux, writes to
// files, pipes and terminals are synchronous; a socket's queued output is flushed first (below).
// A non-root user's command first moves into the rootless user namespace (rootless/): that
// process loads only the small re-exec module, and main is imported by the process inside.
// No top-level await: the bundle is CommonJS (scripts/build-cli.mjs says why).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { needsRootlessNamespace } from '../rootless/reexec-decision.js';
import { installChunkResolver } from './chunk-resolver.js';
import { codeCacheDir, installCodeCache } from './code-cache.js';

// Before any chunk loads: the chunks are found without a search, and compile from the bytecode a
// previous run left.
const bundleDir = path.dirname(fileURLToPath(import.meta.url));
installChunkResolver(bundleDir);
if (process.env.BERTH_CODE_CACHE !== '0') {
  const cache = installCodeCache(bundleDir, codeCacheDir(process.argv.slice(2)));
  process.once('exit', () => cache.write());
}

async function start(argv: string[]): Promise<number> {
  if (needsRootlessNamespace(argv)) {
    const { runInRootlessNamespace } = await import('../rootless/rootless-reexec.js');
    return runInRootlessNamespace(argv).catch((error: Error & { exitCode?: number }) => {
      process.stderr.write(`Error: ${error.message}\n`);
      return error.exitCode ?? 125;
    });
  }
  const { main } = await import('./main.js');
  return main(argv);
}

/**
 * Waits for what `stream` still queues. A terminal, a file or a pipe is written synchronously, but
 * a socket is not: a parent that spawns berth from Node (tests, tools) reads its output through a
 * socket pair, and when that reader is behind, exiting at once lost what was queued (a 1000-line
 * `events` listing came out cut at 512 lines).
 */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => stream.write('', () => resolve()));
}

void start(process.argv.slice(2)).then(async (code) => {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
});
