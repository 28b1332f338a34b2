// `berth network create [NAME]`: prints the network's name.
import { createNetwork } from '../../../network/network-create.js';
import type { CommandModule } from '../../command-spec.js';
import { keyValueMap, withNetworkStore } from './network-context.js';

const command: CommandModule = {
  usage: '[options] [NAME]',
  description: 'create networks for containers and pods',
  examples: [
    'berth network create mynet',
    'berth network create --subnet 10.86.200.0/24 --gateway 10.86.200.1 mynet',
  ],
  flags: [
    { name: 'disable-dns', type: 'bool', help: 'disable dns plugin' },
    { name: 'driver', short: 'd', type: 'string', default: 'bridge', help: 'driver to manage the network' },
    { name: 'gateway', type: 'stringSlice', help: 'IPv4 or IPv6 gateway for the subnet' },
    { name: 'ignore', type: 'bool', help: "Don't fail if network already exists" },
    { name: 'internal', type: 'bool', help: 'restrict external access from this network' },
    { name: 'label', type: 'stringArray', help: 'set metadata on a network' },
    { name: 'opt', short: 'o', type: 'stringArray', help: 'Set driver specific options' },
    { name: 'subnet', type: 'stringArray', help: 'subnets in CIDR format' },
  ],
  args: { max: 1 },
  async run(ctx) {
    return withNetworkStore(ctx, async (store) => {
      const { network } = await createNetwork(store, {
        name: ctx.args[0],
        driver: ctx.flags.string('driver') || 'bridge',
        subnets: ctx.flags.list('subnet'),
        gateways: ctx.flags.list('gateway'),
        internal: ctx.flags.bool('internal'),
        disableDns: ctx.flags.bool('disable-dns'),
        labels: keyValueMap(ctx.flags.list('label'), 'label'),
        options: keyValueMap(ctx.flags.list('opt'), 'option'),
        ignoreIfExists: ctx.flags.bool('ignore'),
      });
      ctx.stdout.write(`${network.name}\n`);
    });
  },
};
export default command;
