// `berth machine stop [NAME]`: ACPI power-down through QMP, re-sent until the VM exits, forced
// after a timeout.
import type { CommandModule } from '../../command-spec.js';
import { machineName, withMachineStore } from './machine-context.js';

const command: CommandModule = {
  usage: '[MACHINE]',
  description: 'Stop a managed virtual machine',
  examples: ['berth machine stop', 'berth machine stop mymachine'],
  args: { max: 1 },
  async run(ctx) {
    const { stopMachine } = await import('../../../machine/machine-service.js');
    const name = await machineName(ctx);
    return withMachineStore(ctx, async (store) => {
      await stopMachine(store, name);
      ctx.stdout.write(`Machine "${name}" stopped successfully\n`);
    });
  },
};
export default command;
