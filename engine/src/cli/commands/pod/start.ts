// `berth pod start POD...`: starts the infra container, then the members; prints each pod's ID.
import { startPod } from '../../../pod/pod-lifecycle.js';
import type { CommandModule } from '../../command-spec.js';
import { forEachPod, withPodStore } from './pod-context.js';

const command: CommandModule = {
  usage: '[options] POD [POD...]',
  description: 'Start all containers in one or more pods',
  examples: ['berth pod start podID', 'berth pod start --all'],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Act on all pods' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest pod berth is aware of' },
  ],
  async run(ctx) {
    return withPodStore(ctx, (store) => forEachPod(ctx, store, (input) => startPod(store, input)));
  },
};
export default command;
