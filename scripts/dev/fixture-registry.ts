// Starts a fixture registry (as the integration tests do) and keeps it running until killed, for
// trying the CLI by hand: `npx tsx scripts/dev/fixture-registry.ts` prints its host.
import { fixtureLayout } from '../../test/fixtures/images/fixture-cache.js';
import { pushAllFromLayout } from '../../test/fixtures/registry/push-layout.js';
import { startTestRegistry } from '../../test/fixtures/registry/test-registry.js';

const layout = await fixtureLayout();
const registry = await startTestRegistry();
await pushAllFromLayout(registry.url, layout);
process.stdout.write(`${registry.host}\n`);
const stop = () => void registry.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => undefined, 1 << 30);
