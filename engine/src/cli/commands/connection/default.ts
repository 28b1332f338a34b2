// `berth system connection default NAME`: the connection `--remote` uses.
import type { CommandModule } from '../../command-spec.js';

const command: CommandModule = {
  usage: 'NAME',
  description: 'Set named destination as default for the Berth service',
  examples: ['berth system connection default testing'],
  args: { min: 1, max: 1 },
  async run(ctx) {
    const { setDefaultConnection } = await import('../../../client/connection-edits.js');
    setDefaultConnection(ctx.args[0]!);
  },
};
export default command;
