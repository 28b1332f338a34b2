// `berth image inspect` (and `berth inspect` for images): a JSON array of podman's fields, or a
// Go template applied to each image.
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { ImageNotFoundError } from '../../../image/image-errors.js';
import { inspectImage } from '../../../image/image-inspect.js';
import { lookupImage } from '../../../image/image-lookup.js';
import { withImageStore } from './image-context.js';

/** podman indents inspect output with five spaces (its json.MarshalIndent call). */
function podmanJson(value: unknown): string {
  return `${JSON.stringify(value, null, 5)}\n`;
}

export function inspectCommand(options: { typeFlag: boolean }): CommandModule {
  return {
    usage: options.typeFlag ? '[options] IMAGE [IMAGE...]' : '[options] IMAGE [IMAGE...]',
    description: 'Display the low-level information of an image, as JSON or formatted with a Go template.',
    examples: ['berth image inspect alpine', "berth image inspect --format '{{.Id}} {{.Size}}' alpine"],
    flags: [
      {
        name: 'format',
        short: 'f',
        type: 'string',
        valueName: 'string',
        help: 'Format the output to a Go template or json',
      },
      ...(options.typeFlag
        ? [
            {
              name: 'type',
              short: 't',
              type: 'string' as const,
              default: 'all',
              help: 'Specify inspect-object type ("image", "all")',
            },
            { name: 'size', short: 's', type: 'bool' as const, help: 'Display total file size' },
            {
              name: 'latest',
              short: 'l',
              type: 'bool' as const,
              help: 'Act on the latest container podman is aware of',
              hidden: true,
            },
          ]
        : []),
    ],
    args: { min: 1 },
    async run(ctx) {
      const type = options.typeFlag ? (ctx.flags.string('type') ?? 'all') : 'image';
      if (type !== 'image' && type !== 'all')
        throw new CliError(`inspecting ${type} objects is not supported yet: use --type image`);
      return withImageStore(ctx, async ({ store, conf }) => {
        const found = [];
        const missing: string[] = [];
        for (const name of ctx.args) {
          const record = lookupImage(store.db, name, conf.unqualifiedSearchRegistries);
          if (record) found.push(inspectImage(store.db, record, store.paths.graphRoot));
          else missing.push(name);
        }
        const format = ctx.flags.string('format');
        if (format && !/^\s*(json|\{\{\s*json\s*\.?\s*\}\})\s*$/.test(format)) {
          const { renderFormatted } = await import('../../format/render-format.js');
          ctx.stdout.write(renderFormatted(format, found, { defaultTable: '', headers: {} }));
        } else if (found.length > 0 || missing.length === 0) {
          ctx.stdout.write(podmanJson(found));
        } else {
          ctx.stdout.write('[]\n');
        }
        if (missing.length > 0) {
          const what = type === 'image' ? 'image' : 'image or container';
          throw new ImageNotFoundError(missing.map((m) => `no such ${what}: ${m}`).join('\n'));
        }
      });
    },
  };
}

export default inspectCommand({ typeFlag: false });
