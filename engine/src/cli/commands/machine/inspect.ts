// `berth machine inspect [NAME...]`: podman's fields as a JSON array, or a Go template per machine.
// ConnectionInfo.PodmanSocket.Path is the host end of the forwarded API socket.
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withMachineStore } from './machine-context.js';

const command: CommandModule = {
  usage: '[options] [MACHINE...]',
  description: 'Show the configuration of one or more managed virtual machines',
  examples: [
    'berth machine inspect',
    "berth machine inspect --format '{{.ConnectionInfo.PodmanSocket.Path}}' mymachine",
  ],
  flags: [
    {
      name: 'format',
      type: 'string',
      default: 'json',
      help: 'Format volume output using JSON or a Go template',
    },
  ],
  async run(ctx) {
    const { viewMachine } = await import('../../../machine/machine-service.js');
    const { inspectMachine } = await import('../../../machine/machine-inspect.js');
    const { DEFAULT_MACHINE_NAME } = await import('../../../machine/machine-paths.js');
    const names = ctx.args.length > 0 ? ctx.args : [DEFAULT_MACHINE_NAME];
    return withMachineStore(ctx, async (store) => {
      const found = [];
      const missing: string[] = [];
      for (const name of names) {
        try {
          found.push(inspectMachine(await viewMachine(store, name)));
        } catch (error) {
          missing.push((error as Error).message);
        }
      }
      const { isJsonFormat, renderFormatted } = await import('../../format/render-format.js');
      const format = ctx.flags.string('format') ?? 'json';
      if (format === '' || isJsonFormat(format)) ctx.stdout.write(`${JSON.stringify(found, null, 4)}\n`);
      else ctx.stdout.write(renderFormatted(format, found, { defaultTable: '', headers: {} }));
      if (missing.length > 0) throw new CliError(missing.join('\n'));
    });
  },
};
export default command;
