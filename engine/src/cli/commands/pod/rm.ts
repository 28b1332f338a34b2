// `berth pod rm POD...`: removes pods with their containers. podman's exit codes: 1 when a pod
// does not exist, 2 when one is running or paused and -f was not given, 125 otherwise.
import { removePod } from '../../../pod/pod-lifecycle.js';
import { findPod } from '../../../pod/pod-lookup.js';
import type { CommandModule } from '../../command-spec.js';
import { forEachPod, withPodStore } from './pod-context.js';

const command: CommandModule = {
  usage: '[options] POD [POD...]',
  description: 'Remove one or more stopped pods and containers',
  examples: ['berth pod rm mywebserverpod', 'berth pod rm -f 860a4b23', 'berth pod rm -f -a'],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Act on all pods' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest pod berth is aware of' },
    {
      name: 'force',
      short: 'f',
      type: 'bool',
      help: 'Force removal of a running pod by first stopping all containers, then removing all containers in the pod',
    },
    { name: 'ignore', short: 'i', type: 'bool', help: 'Ignore errors when a specified pod is missing' },
    {
      name: 'time',
      short: 't',
      type: 'int',
      default: -1,
      help: 'Seconds to wait for pod stop before killing the container',
    },
  ],
  async run(ctx) {
    const force = ctx.flags.bool('force');
    const time = ctx.flags.int('time') ?? -1;
    return withPodStore(ctx, async (store) => {
      if (ctx.flags.bool('ignore')) ctx.args = ctx.args.filter((input) => findPod(store.db, input));
      if (ctx.flags.bool('ignore') && ctx.args.length === 0 && !ctx.flags.bool('all')) return 0;
      return forEachPod(
        ctx,
        store,
        (input) => removePod(store, input, { force, timeout: time >= 0 ? time : undefined }),
        { notFoundCode: 1 },
      );
    });
  },
};
export default command;
