// `berth system connection ls [--format]`: podman's table (NAME URI IDENTITY DEFAULT), Go
// templates over {{.Name}} {{.URI}} {{.Identity}} {{.Default}}, or `--format json`.
import type { CommandModule } from '../../command-spec.js';
import { renderFormatted } from '../../format/render-format.js';
import { byCodePoint } from '../../../util/code-point-order.js';

const DEFAULT_TABLE = 'table {{.Name}}\t{{.URI}}\t{{.Identity}}\t{{.Default}}';
const HEADERS = { Name: 'NAME', URI: 'URI', Identity: 'IDENTITY', Default: 'DEFAULT' };

const command: CommandModule = {
  usage: '[options]',
  description: 'List destination information for the Berth service(s) in the configuration',
  examples: ['berth system connection list', 'berth system connection ls --format=json'],
  flags: [
    { name: 'format', short: 'f', type: 'string', help: 'Custom Go template for printing connections' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Print only the connection names' },
  ],
  args: { max: 0 },
  async run(ctx) {
    const { readConnections } = await import('../../../client/connection-store.js');
    const data = readConnections();
    const rows = Object.entries(data.Connection.Connections)
      .map(([name, c]) => ({
        Name: name,
        URI: c.URI,
        Identity: c.Identity ?? '',
        Default: name === data.Connection.Default,
      }))
      .sort((a, b) => byCodePoint(a.Name, b.Name));
    if (ctx.flags.bool('quiet')) {
      ctx.stdout.write(rows.map((r) => `${r.Name}\n`).join(''));
      return;
    }
    ctx.stdout.write(
      renderFormatted(ctx.flags.string('format'), rows, { defaultTable: DEFAULT_TABLE, headers: HEADERS }),
    );
  },
};
export default command;
