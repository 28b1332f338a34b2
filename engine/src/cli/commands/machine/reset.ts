// `berth machine reset --force`: stops and removes every machine. Without a terminal to ask on,
// the destructive step needs --force rather than a prompt.
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withMachineStore } from './machine-context.js';

const command: CommandModule = {
  usage: '[options]',
  description: 'Remove all machines and their disks',
  examples: ['berth machine reset --force'],
  flags: [{ name: 'force', short: 'f', type: 'bool', help: 'Do not prompt before reset' }],
  args: { max: 0 },
  async run(ctx) {
    if (!ctx.flags.bool('force'))
      throw new CliError('machine reset removes every machine and its disk: pass --force to confirm');
    const { listMachines, removeMachine } = await import('../../../machine/machine-service.js');
    return withMachineStore(ctx, async (store) => {
      for (const view of await listMachines(store)) {
        await removeMachine(store, view.record.config.name, true);
        ctx.stdout.write(`${view.record.config.name}\n`);
      }
    });
  },
};
export default command;
