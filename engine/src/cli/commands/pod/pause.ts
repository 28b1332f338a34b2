// `berth pod pause POD...`: pauses every container of the pod; prints each pod's ID.
import { pausePod } from '../../../pod/pod-lifecycle.js';
import type { CommandModule } from '../../command-spec.js';
import { forEachPod, withPodStore } from './pod-context.js';

const command: CommandModule = {
  usage: '[options] POD [POD...]',
  description: 'Pause one or more pods',
  examples: ['berth pod pause podID', 'berth pod pause --all'],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Act on all pods' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest pod berth is aware of' },
  ],
  async run(ctx) {
    return withPodStore(ctx, (store) => forEachPod(ctx, store, (input) => pausePod(store, input, true)));
  },
};
export default command;
