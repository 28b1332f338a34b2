// `berth network port-forward CONTAINER-ID PROTO:FD:ADDRESS:PORT...` (hidden): the rootless port
// forwarder, started by the engine (network/rootless-port-forward.ts) with the listening sockets
// as inherited descriptors; not a command for people. It prints `ready` once it accepts.
import { parseForwardTarget, runPortForwarder } from '../../../network/port-forward-process.js';
import type { CommandModule } from '../../command-spec.js';

const command: CommandModule = {
  usage: 'CONTAINER-ID PROTO:FD:ADDRESS:PORT [...]',
  description: 'Forwards published ports of a rootless container (started by berth itself).',
  args: { min: 2 },
  async run(ctx) {
    const targets = ctx.args.slice(1).map(parseForwardTarget);
    await runPortForwarder(targets);
    ctx.stdout.write('ready\n');
    // Runs until teardown stops it: the open listeners keep the process alive.
    await new Promise<never>(() => undefined);
  },
};
export default command;
