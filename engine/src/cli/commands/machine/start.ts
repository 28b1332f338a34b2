// `berth machine start [NAME]`: boots the machine and returns once the engine's API answers
// through the forwarded socket (or fails with the console's last lines).
import type { CommandModule } from '../../command-spec.js';
import { machineName, progressTo, withMachineStore } from './machine-context.js';
import { printStarted } from './start-output.js';

const command: CommandModule = {
  usage: '[options] [MACHINE]',
  description: 'Start a managed virtual machine',
  examples: ['berth machine start', 'berth machine start mymachine'],
  flags: [{ name: 'quiet', short: 'q', type: 'bool', help: 'Suppress machine starting status output' }],
  args: { max: 1 },
  async run(ctx) {
    const { startMachine } = await import('../../../machine/machine-service.js');
    const name = await machineName(ctx);
    const quiet = ctx.flags.bool('quiet');
    return withMachineStore(ctx, async (store) => {
      const record = await startMachine(store, name, { onProgress: quiet ? undefined : progressTo(ctx) });
      if (!quiet) printStarted(ctx, record);
    });
  },
};
export default command;
