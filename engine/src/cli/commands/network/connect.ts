// `berth network connect NETWORK CONTAINER`: at once for a running container, at its next start
// otherwise.
import { connectNetwork } from '../../../network/network-connect.js';
import type { CommandModule } from '../../command-spec.js';
import { withNetworkStore } from './network-context.js';

const command: CommandModule = {
  usage: '[options] NETWORK CONTAINER',
  description: 'Add container to a network',
  examples: ['berth network connect web secondary', 'berth network connect --ip 10.86.7.5 mynet ctr'],
  flags: [
    { name: 'alias', type: 'stringSlice', help: 'network scoped alias for container' },
    { name: 'ip', type: 'string', help: 'set a static ipv4 address for this container network' },
    { name: 'mac-address', type: 'string', help: 'set a static mac address for this container network' },
  ],
  args: { min: 2, max: 2 },
  async run(ctx) {
    return withNetworkStore(ctx, async (store) => {
      await connectNetwork(store, ctx.args[0]!, ctx.args[1]!, {
        aliases: ctx.flags.list('alias'),
        ip: ctx.flags.string('ip') || undefined,
        mac: ctx.flags.string('mac-address') || undefined,
      });
    });
  },
};
export default command;
