// `berth volume inspect`: podman's fields as a JSON array (five-space indent, as podman prints
// it), or a Go template per volume.
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { inspectVolume } from '../../../volume/volume-inspect.js';
import { lookupVolume } from '../../../volume/volume-lookup.js';
import { listVolumeRecords } from '../../../volume/volume-records.js';
import { withVolumeStore } from './volume-context.js';

const command: CommandModule = {
  usage: '[options] VOLUME [VOLUME...]',
  description:
    'Display detailed information on one or more volumes.\n\n  Use a Go template to change the format from JSON.',
  examples: [
    'berth volume inspect myvol',
    'berth volume inspect --all',
    'berth volume inspect --format "{{.Driver}} {{.Scope}}" myvol',
  ],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Inspect all volumes' },
    {
      name: 'format',
      short: 'f',
      type: 'string',
      default: 'json',
      help: 'Format volume output using Go template',
    },
  ],
  async run(ctx) {
    const all = ctx.flags.bool('all');
    if ((all && ctx.args.length > 0) || (!all && ctx.args.length === 0))
      throw new CliError('provide one or more volume names or use --all');
    return withVolumeStore(ctx, async (store) => {
      const found = [];
      const missing: string[] = [];
      if (all) found.push(...listVolumeRecords(store.db).map(inspectVolume));
      for (const name of ctx.args) {
        const volume = lookupVolume(store.db, name);
        if (volume) found.push(inspectVolume(volume));
        else missing.push(name);
      }
      const { isJsonFormat, renderFormatted } = await import('../../format/render-format.js');
      const format = ctx.flags.string('format') ?? 'json';
      if (format === '' || isJsonFormat(format)) ctx.stdout.write(`${JSON.stringify(found, null, 5)}\n`);
      else ctx.stdout.write(renderFormatted(format, found, { defaultTable: '', headers: {} }));
      if (missing.length > 0) throw new CliError(missing.map((m) => `no such volume ${m}`).join('\n'));
    });
  },
};
export default command;
