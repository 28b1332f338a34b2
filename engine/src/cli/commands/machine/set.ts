// `berth machine set [options] [NAME]`: changes CPUs, memory or disk size of a stopped machine
// (the disk only grows; the guest grows its file system on the next boot).
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { machineName, withMachineStore } from './machine-context.js';

const command: CommandModule = {
  usage: '[options] [NAME]',
  description: 'Set an updatable virtual machine setting',
  examples: ['berth machine set --cpus 4 --memory 4096', 'berth machine set --disk-size 60 mymachine'],
  flags: [
    { name: 'cpus', type: 'int', help: 'Number of CPUs' },
    { name: 'memory', short: 'm', type: 'int', help: 'Memory in MiB' },
    { name: 'disk-size', type: 'int', help: 'Disk size in GiB' },
    { name: 'rootful', type: 'bool', help: 'Whether this machine should prefer rootful container execution' },
  ],
  args: { max: 1 },
  async run(ctx) {
    const { setMachine } = await import('../../../machine/machine-service.js');
    const name = await machineName(ctx);
    const positive = (flag: string) => {
      if (!ctx.flags.has(flag)) return undefined;
      const value = ctx.flags.int(flag) ?? 0;
      if (value <= 0) throw new CliError(`--${flag} must be a positive number, not ${value}`);
      return value;
    };
    return withMachineStore(ctx, (store) =>
      setMachine(store, name, {
        cpus: positive('cpus'),
        memoryMiB: positive('memory'),
        diskGiB: positive('disk-size'),
        rootful: ctx.flags.has('rootful') ? ctx.flags.bool('rootful') : undefined,
      }),
    );
  },
};
export default command;
