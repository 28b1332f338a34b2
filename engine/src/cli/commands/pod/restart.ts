// `berth pod restart POD...`: stop then start; prints each pod's ID.
import { restartPod } from '../../../pod/pod-lifecycle.js';
import type { CommandModule } from '../../command-spec.js';
import { forEachPod, withPodStore } from './pod-context.js';

const command: CommandModule = {
  usage: '[options] POD [POD...]',
  description: 'Restart all containers in one or more pods',
  examples: ['berth pod restart podID', 'berth pod restart --all'],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Act on all pods' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest pod berth is aware of' },
  ],
  async run(ctx) {
    return withPodStore(ctx, (store) => forEachPod(ctx, store, (input) => restartPod(store, input)));
  },
};
export default command;
