// `berth rm [-f] [-v] CONTAINER...`: exit 1 when a container does not exist, 2 when it runs
// without --force (podman's codes).
import { removeContainer } from '../../../container/container-lifecycle.js';
import { NoSuchContainerError } from '../../../container/container-lookup.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';
import { forEachContainer } from './each-container.js';

const command: CommandModule = {
  usage: '[options] CONTAINER [CONTAINER...]',
  description:
    'Removes one or more containers from the host. The container name or ID can be used.\n\n  Command does not remove images. Running or paused containers cannot be removed without the -f option.',
  examples: ['berth rm imageID', 'berth rm mywebserver myflaskserver 860a4b23', 'berth rm --force --all'],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Remove all containers' },
    { name: 'force', short: 'f', type: 'bool', help: 'Force removal of a running or unusable container' },
    { name: 'ignore', short: 'i', type: 'bool', help: 'Ignore errors when a specified container is missing' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest container berth is aware of' },
    {
      name: 'time',
      short: 't',
      type: 'int',
      default: 10,
      help: 'Seconds to wait for stop before killing the container',
    },
    {
      name: 'volumes',
      short: 'v',
      type: 'bool',
      help: 'Remove anonymous volumes associated with the container',
    },
  ],
  async run(ctx) {
    const all = ctx.flags.bool('all');
    const latest = ctx.flags.bool('latest');
    if (!all && !latest && ctx.args.length === 0)
      throw new CliError('you must provide at least one name or ID');
    return withContainerStore(ctx, (store) =>
      forEachContainer(ctx, store, { all, latest }, async (input) => {
        try {
          const removed = await removeContainer(store, input, {
            force: ctx.flags.bool('force'),
            volumes: ctx.flags.bool('volumes'),
          });
          return all ? removed.id : input;
        } catch (error) {
          if (error instanceof NoSuchContainerError) {
            if (ctx.flags.bool('ignore')) return undefined;
            throw new CliError(error.message, 1);
          }
          throw error;
        }
      }),
    );
  },
};
export default command;
