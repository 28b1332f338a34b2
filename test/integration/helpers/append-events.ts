// A writer process for the concurrency test: opens the store as any engine process would, says it
// is ready, waits for the test's "go" (so that all writers append at the same moment), then
// appends COUNT events through the library.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { appendEvent } from '../../../engine/src/events/append-event.js';
import { openStore } from '../../../engine/src/state/store.js';

const [root, runroot, worker, count, barrierDir] = process.argv.slice(2);
if (!root || !runroot || !worker || !count || !barrierDir)
  throw new Error('usage: append-events.ts ROOT RUNROOT WORKER COUNT BARRIER_DIR');
const store = openStore({ root, runroot });
writeFileSync(path.join(barrierDir, `ready-${worker}`), '');
const deadline = Date.now() + 60_000;
while (!existsSync(path.join(barrierDir, 'go'))) {
  if (Date.now() > deadline) throw new Error(`worker ${worker}: no go signal within a minute`);
  await new Promise((resolve) => setTimeout(resolve, 1));
}
for (let i = 0; i < Number(count); i++)
  appendEvent(store, {
    Type: 'container',
    Status: 'exec',
    ID: `${worker}-${i}`,
    Name: `worker${worker}`,
    // Long enough that lines cross page boundaries now and then.
    Attributes: { worker, seq: String(i), padding: 'x'.repeat(300 + ((i * 37) % 400)) },
  });
store.close();
