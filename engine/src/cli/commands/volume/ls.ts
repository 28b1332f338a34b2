// `berth volume ls`: podman's table (DRIVER, VOLUME NAME), its filters, -q, --noheading, and
// --format (json: the inspect fields, two-space indent as podman prints them; or a Go template).
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { volumeListFilter } from '../../../volume/volume-filters.js';
import { inspectVolume } from '../../../volume/volume-inspect.js';
import { listVolumeRecords } from '../../../volume/volume-records.js';
import { withVolumeStore } from './volume-context.js';

/** Labels as podman's volume reporter shows them: sorted `key=value` pairs joined by commas. */
function labelList(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key]}`)
    .join(',');
}

const command: CommandModule = {
  usage: '[options]',
  description:
    'List all available volumes. The output of the volumes can be filtered and the output format can be changed to JSON or a user specified Go template.',
  examples: [
    'berth volume ls',
    "berth volume ls --filter label=app --format '{{.Name}}'",
    'berth volume ls -q',
  ],
  flags: [
    { name: 'filter', short: 'f', type: 'stringArray', help: 'Filter volume output' },
    { name: 'format', type: 'string', help: 'Format volume output using JSON or a Go template' },
    { name: 'noheading', short: 'n', type: 'bool', help: 'Do not print headers' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Print volume output in quiet mode' },
  ],
  args: { max: 0 },
  async run(ctx) {
    const quiet = ctx.flags.bool('quiet');
    const format = ctx.flags.has('format') ? ctx.flags.string('format') : undefined;
    if (quiet && format !== undefined) throw new CliError('quiet and format flags cannot be used together');
    return withVolumeStore(ctx, async (store) => {
      const filter = volumeListFilter(store.db, ctx.flags.list('filter'));
      const volumes = listVolumeRecords(store.db).filter(filter);
      if (quiet) {
        for (const volume of volumes) ctx.stdout.write(`${volume.name}\n`);
        return;
      }
      const { isJsonFormat, isTableFormat, renderFormatted } = await import('../../format/render-format.js');
      const data = volumes.map(inspectVolume);
      if (isJsonFormat(format)) {
        ctx.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
        return;
      }
      const rows = data.map((d) => ({ ...d, Labels: labelList(d.Labels) }));
      let out = renderFormatted(format, rows, {
        defaultTable: 'table {{.Driver}}\t{{.Name}}',
        headers: { Name: 'VOLUME NAME' },
      });
      const isTable = format === undefined || format === '' || isTableFormat(format);
      if (isTable && ctx.flags.bool('noheading')) out = out.slice(out.indexOf('\n') + 1);
      ctx.stdout.write(out);
    });
  },
};
export default command;
