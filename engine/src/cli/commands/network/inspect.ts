// `berth network inspect`: podman's fields as a JSON array (five-space indent, as podman prints
// it), or a Go template per network. Every name is tried; missing ones end with exit 125.
import { inspectNetwork } from '../../../network/network-inspect.js';
import { lookupNetwork } from '../../../network/network-lookup.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withNetworkStore } from './network-context.js';

const command: CommandModule = {
  usage: '[options] NETWORK [NETWORK...]',
  description: 'Displays the network configuration for one or more networks.',
  examples: ['berth network inspect berth', "berth network inspect --format '{{.network_interface}}' mynet"],
  flags: [
    {
      name: 'format',
      short: 'f',
      type: 'string',
      help: 'Pretty-print network to JSON or using a Go template',
    },
  ],
  args: { min: 1 },
  async run(ctx) {
    return withNetworkStore(ctx, async (store) => {
      const found: Record<string, unknown>[] = [];
      const missing: string[] = [];
      for (const name of ctx.args) {
        const network = lookupNetwork(store.db, name);
        if (network) found.push(inspectNetwork(network));
        else missing.push(name);
      }
      const { isJsonFormat, renderFormatted } = await import('../../format/render-format.js');
      const format = ctx.flags.string('format') ?? '';
      if (format === '' || isJsonFormat(format)) ctx.stdout.write(`${JSON.stringify(found, null, 5)}\n`);
      else ctx.stdout.write(renderFormatted(format, found, { defaultTable: '', headers: {} }));
      if (missing.length > 0)
        throw new CliError(
          missing.map((m) => `unable to find network with name or ID ${m}: network not found`).join('\n'),
        );
    });
  },
};
export default command;
