// Process entry of the bundled CLI. The process ends when the command is done, even if a
// watcher is still open (a detached exec's exit watch, a follower's timer): on Linux, writes to
// files, pipes and terminals are synchronous, so nothing written is lost by exiting.
import { main } from './main.js';

const code = await main(process.argv.slice(2));
process.exit(code);
