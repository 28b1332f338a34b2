// `berth pod kill [-s SIGNAL] POD...`: signals every running container of the pod (SIGKILL by default).
import { killPod } from '../../../pod/pod-lifecycle.js';
import type { CommandModule } from '../../command-spec.js';
import { forEachPod, withPodStore } from './pod-context.js';

const command: CommandModule = {
  usage: '[options] POD [POD...]',
  description: 'Send the specified signal or SIGKILL to containers in pod',
  examples: ['berth pod kill podID', 'berth pod kill --signal TERM mywebserver'],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Act on all pods' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest pod berth is aware of' },
    {
      name: 'signal',
      short: 's',
      type: 'string',
      default: 'KILL',
      help: 'Signal to send to the containers in the pod',
    },
  ],
  async run(ctx) {
    const signal = ctx.flags.string('signal') || 'KILL';
    return withPodStore(ctx, (store) => forEachPod(ctx, store, (input) => killPod(store, input, signal)));
  },
};
export default command;
