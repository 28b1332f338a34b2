// `berth pod stop POD...`: stops the members, then the infra container; prints each pod's ID.
import { stopPod } from '../../../pod/pod-lifecycle.js';
import type { CommandModule } from '../../command-spec.js';
import { forEachPod, withPodStore } from './pod-context.js';

const command: CommandModule = {
  usage: '[options] POD [POD...]',
  description: 'Stop all containers in one or more pods',
  examples: ['berth pod stop podID', 'berth pod stop -t 2 --all'],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Act on all pods' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest pod berth is aware of' },
    {
      name: 'time',
      short: 't',
      type: 'int',
      default: -1,
      help: 'Seconds to wait for pod stop before killing the container',
    },
  ],
  async run(ctx) {
    const time = ctx.flags.int('time') ?? -1;
    return withPodStore(ctx, (store) =>
      forEachPod(ctx, store, (input) => stopPod(store, input, time >= 0 ? time : undefined)),
    );
  },
};
export default command;
