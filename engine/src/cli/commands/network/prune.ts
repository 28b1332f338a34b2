// `berth network prune`: removes the networks no container uses (never the default one); asks
// first unless --force; prints the removed names.
import { pruneNetworks } from '../../../network/network-remove.js';
import type { CommandModule } from '../../command-spec.js';
import { confirm } from '../volume/volume-context.js';
import { networkFilter } from './ls.js';
import { withNetworkStore } from './network-context.js';

const command: CommandModule = {
  usage: '[options]',
  description: 'Prune unused networks',
  examples: ['berth network prune -f'],
  flags: [
    { name: 'filter', type: 'stringArray', help: "Provide filter values (e.g. 'label=<key>=<value>')" },
    { name: 'force', short: 'f', type: 'bool', help: 'do not prompt for confirmation' },
  ],
  args: { max: 0 },
  async run(ctx) {
    const filter = networkFilter(ctx.flags.list('filter'));
    if (!ctx.flags.bool('force')) {
      ctx.stdout.write('WARNING! This will remove all networks not used by at least one container.\n');
      if (!(await confirm('Are you sure you want to continue? [y/N] ', ctx.stdout))) return 0;
    }
    return withNetworkStore(ctx, async (store) => {
      for (const name of await pruneNetworks(store, filter)) ctx.stdout.write(`${name}\n`);
      return 0;
    });
  },
};
export default command;
