// Run by rootless.test.ts as the test user, outside Berth's user namespace, as Electron main runs:
// opens the desktop app's engine on a store, creates and starts a container through it, and
// prints the container names the engine then lists. Arguments: ROOT RUNROOT IMAGE.
import { openDesktopEngine } from '../../../engine/src/client/desktop-engine.js';
import { CALL_INPUTS } from '../../../engine/src/contract/engine-contract.js';

const [root, runroot, image] = process.argv.slice(2);
const { engine, location, close } = await openDesktopEngine({}, { root, runroot });
try {
  await engine['containers.create'](
    CALL_INPUTS['containers.create'].parse({
      image,
      name: 'embedded-made',
      command: ['echo', 'from-embedded'],
    }),
  );
  await engine['containers.start'](CALL_INPUTS['containers.start'].parse({ container: 'embedded-made' }));
  const listed = await engine['containers.list'](CALL_INPUTS['containers.list'].parse({ all: true }));
  process.stdout.write(`${JSON.stringify({ location, names: listed.map((c) => c.Names[0]) })}\n`);
} finally {
  await close();
}
