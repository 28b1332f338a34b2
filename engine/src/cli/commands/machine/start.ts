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
    // Ctrl-C (or a TERM) during the boot cancels the start: the half-booted VM is stopped
    // rather than left running with nobody waiting for it.
    const cancel = new AbortController();
    const onSignal = () => cancel.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      return await withMachineStore(ctx, async (store) => {
        const record = await startMachine(store, name, {
          onProgress: quiet ? undefined : progressTo(ctx),
          signal: cancel.signal,
        });
        if (!quiet) printStarted(ctx, record);
      });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
export default command;
