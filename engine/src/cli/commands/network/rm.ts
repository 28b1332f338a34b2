// `berth network rm`: prints each removed name; exit 1 when a network does not exist, 2 when one
// is in use without --force (podman's codes), 125 otherwise. --force removes its containers first.
import { NetworkError, NetworkInUseError, NetworkNotFoundError } from '../../../network/network-errors.js';
import { removeNetwork } from '../../../network/network-remove.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withNetworkStore } from './network-context.js';

const command: CommandModule = {
  usage: '[options] NETWORK [NETWORK...]',
  description: 'Remove networks',
  examples: ['berth network rm mynet', 'berth network rm -f mynet'],
  flags: [
    { name: 'force', short: 'f', type: 'bool', help: 'remove any containers using network' },
    {
      name: 'time',
      short: 't',
      type: 'int',
      default: 10,
      help: 'Seconds to wait for running containers to stop before killing the container',
    },
  ],
  args: { min: 1 },
  async run(ctx) {
    const force = ctx.flags.bool('force');
    return withNetworkStore(ctx, async (store) => {
      const errors: NetworkError[] = [];
      for (const name of ctx.args) {
        try {
          const network = await removeNetwork(store, name, { force });
          ctx.stdout.write(`${network.name}\n`);
        } catch (error) {
          if (!(error instanceof NetworkError)) throw error;
          errors.push(error);
        }
      }
      if (errors.length === 0) return 0;
      for (const error of errors.slice(0, -1)) ctx.stderr.write(`Error: ${error.message}\n`);
      const code = errors.some((e) => e instanceof NetworkInUseError)
        ? 2
        : errors.every((e) => e instanceof NetworkNotFoundError)
          ? 1
          : 125;
      throw new CliError(errors[errors.length - 1]!.message, code);
    });
  },
};
export default command;
