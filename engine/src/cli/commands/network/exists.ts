// `berth network exists NETWORK`: exit 0 when the network exists, 1 when not, nothing printed.
import { lookupNetwork } from '../../../network/network-lookup.js';
import type { CommandModule } from '../../command-spec.js';
import { withNetworkStore } from './network-context.js';

const command: CommandModule = {
  usage: 'NETWORK',
  description:
    'If a network with the given name exists, berth network exists exits with 0, otherwise with 1.',
  examples: ['berth network exists net1'],
  args: { min: 1, max: 1 },
  async run(ctx) {
    return withNetworkStore(ctx, async (store) => (lookupNetwork(store.db, ctx.args[0]!) ? 0 : 1));
  },
};
export default command;
