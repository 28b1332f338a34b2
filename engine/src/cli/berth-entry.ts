// Process entry of the bundled CLI. The process ends when the command is done, even if a
// watcher is still open (a detached exec's exit watch, a follower's timer): on Linux, writes to
// files, pipes and terminals are synchronous, so nothing written is lost by exiting.
// A non-root user's command first moves into the rootless user namespace (rootless/): that
// process loads only the small re-exec module, and main is imported by the process inside.
import { needsRootlessNamespace } from '../rootless/reexec-decision.js';

const argv = process.argv.slice(2);
if (needsRootlessNamespace(argv)) {
  const { runInRootlessNamespace } = await import('../rootless/rootless-reexec.js');
  const code = await runInRootlessNamespace(argv).catch((error: Error & { exitCode?: number }) => {
    process.stderr.write(`Error: ${error.message}\n`);
    return error.exitCode ?? 125;
  });
  process.exit(code);
}
const { main } = await import('./main.js');
const code = await main(argv);
process.exit(code);
