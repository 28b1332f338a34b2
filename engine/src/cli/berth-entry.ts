// Process entry of the bundled CLI. The process ends when the command is done, even if a
// watcher is still open (a detached exec's exit watch, a follower's timer): on Linux, writes to
// files, pipes and terminals are synchronous, so nothing written is lost by exiting.
// A non-root user's command first moves into the rootless user namespace (rootless/): that
// process loads only the small re-exec module, and main is imported by the process inside.
// No top-level await: the bundle is CommonJS (scripts/build-cli.mjs says why).
import { needsRootlessNamespace } from '../rootless/reexec-decision.js';

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

void start(process.argv.slice(2)).then((code) => process.exit(code));
