// `berth pod exists POD`: exit 0 when the pod exists, 1 when not, nothing printed.
import { findPod } from '../../../pod/pod-lookup.js';
import type { CommandModule } from '../../command-spec.js';
import { withPodStore } from './pod-context.js';

const command: CommandModule = {
  usage: 'POD',
  description:
    'If the named pod exists in local storage, berth pod exists exits with 0, otherwise the exit code will be 1.',
  examples: ['berth pod exists podID', 'berth pod exists mypod || berth pod create --name mypod'],
  args: { min: 1, max: 1 },
  async run(ctx) {
    return withPodStore(ctx, async (store) => (findPod(store.db, ctx.args[0]!) ? 0 : 1));
  },
};
export default command;
