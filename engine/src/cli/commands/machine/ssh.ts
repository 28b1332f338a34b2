// `berth machine ssh [NAME] [COMMAND...]`: a shell or a command in the machine, with the
// machine's own key; exits with the command's exit code. The first argument is a machine name
// when such a machine exists (as podman decides), otherwise the command.
import type { CommandModule } from '../../command-spec.js';
import { withMachineStore } from './machine-context.js';

const command: CommandModule = {
  usage: '[options] [NAME] [COMMAND [ARG ...]]',
  description: 'SSH into a virtual machine',
  examples: ['berth machine ssh', 'berth machine ssh mymachine uname -a'],
  interspersed: false,
  async run(ctx) {
    const { sshMachine } = await import('../../../machine/machine-service.js');
    const { machineExists } = await import('../../../machine/machine-store.js');
    const { DEFAULT_MACHINE_NAME } = await import('../../../machine/machine-paths.js');
    return withMachineStore(ctx, async (store) => {
      let name = DEFAULT_MACHINE_NAME;
      let commandArgs = ctx.args;
      if (ctx.args.length > 0 && machineExists(store, ctx.args[0]!)) {
        name = ctx.args[0]!;
        commandArgs = ctx.args.slice(1);
      }
      const tty = commandArgs.length === 0 && process.stdin.isTTY === true;
      return sshMachine(store, name, commandArgs, tty);
    });
  },
};
export default command;
