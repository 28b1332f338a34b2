// `berth machine rm [-f] [NAME]`: removes the machine's disk, key and folders; a running machine
// needs --force (it is then killed).
import type { CommandModule } from '../../command-spec.js';
import { machineName, withMachineStore } from './machine-context.js';

const command: CommandModule = {
  usage: '[options] [MACHINE]',
  description: 'Remove a managed virtual machine',
  examples: ['berth machine rm', 'berth machine rm -f mymachine'],
  flags: [{ name: 'force', short: 'f', type: 'bool', help: 'Stop and do not prompt before rming' }],
  args: { max: 1 },
  async run(ctx) {
    const { removeMachine } = await import('../../../machine/machine-service.js');
    const name = await machineName(ctx);
    return withMachineStore(ctx, async (store) => {
      await removeMachine(store, name, ctx.flags.bool('force'));
      ctx.stdout.write(`${name}\n`);
    });
  },
};
export default command;
