// `berth inspect`: any object by name or ID, as podman's (containers first, then images; volumes,
// pods and networks join as their domains arrive). --type narrows the search.
import { loadRegistriesConf } from '../../config/registries-conf.js';
import { inspectContainer } from '../../container/container-inspect.js';
import { findContainer } from '../../container/container-lookup.js';
import { listContainerRecords } from '../../container/container-records.js';
import { syncContainer } from '../../container/container-sync.js';
import { inspectImage } from '../../image/image-inspect.js';
import { lookupImage } from '../../image/image-lookup.js';
import { inspectVolume, lookupVolume } from '../../volume/index.js';
import type { CommandContext, CommandModule } from '../command-spec.js';
import { renderFormatted } from '../format/render-format.js';
import { CliError } from '../usage-error.js';
import { withContainerStore } from './container/container-context.js';

const TYPES = ['all', 'container', 'image', 'volume'];

/** podman indents inspect output with five spaces (its json.MarshalIndent call). */
function podmanJson(value: unknown): string {
  return `${JSON.stringify(value, null, 5)}\n`;
}

/** `berth inspect`, or with `only` one kind's inspect (`berth container inspect`). */
export function inspectObjectCommand(only?: 'container' | 'image'): CommandModule {
  if (!only) return anyObjectInspect();
  const all = anyObjectInspect();
  const kind = only === 'container' ? 'CONTAINER' : 'IMAGE';
  return {
    ...all,
    usage: `[options] ${kind} [${kind}...]`,
    description: `Displays the configuration of ${only === 'container' ? 'a container' : 'an image'}, as JSON or formatted with a Go template.`,
    examples: [
      `berth ${only} inspect my${only === 'container' ? 'Ctr' : 'Image'}`,
      `berth ${only} inspect --format '{{.Id}}' ${kind}`,
    ],
    flags: all.flags!.filter((f) => f.name !== 'type' && (only === 'container' || f.name !== 'latest')),
    run: (ctx) => inspectObjects(ctx, only),
  };
}

const anyObjectInspect = (): CommandModule => ({
  usage: '[options] {CONTAINER|IMAGE|VOLUME} [...]',
  description:
    'Displays the low-level information on an object identified by name or ID.\n  For more inspect options, see:\n\n      berth container inspect\n      berth image inspect',
  examples: [
    'berth inspect fedora',
    'berth inspect --type image fedora',
    'berth inspect CtrID ImgID',
    "berth inspect --format '{{.Id}} {{.Config.Labels}}' CtrID",
  ],
  flags: [
    { name: 'format', short: 'f', type: 'string', help: 'Format the output to a Go template or json' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest container berth is aware of' },
    { name: 'size', short: 's', type: 'bool', help: 'Display total file size' },
    {
      name: 'type',
      short: 't',
      type: 'string',
      default: 'all',
      help: 'Specify inspect-object type ("image", "container" or "all")',
    },
  ],
  run: (ctx) => inspectObjects(ctx, ctx.flags.string('type') ?? 'all'),
});

async function inspectObjects(ctx: CommandContext, type: string): Promise<void> {
  if (!TYPES.includes(type)) throw new CliError(`invalid type "${type}": use ${TYPES.join(', ')}`);
  if (!ctx.flags.bool('latest') && ctx.args.length === 0)
    throw new CliError('inspect requires at least one argument');
  return withContainerStore(ctx, async (store) => {
    const conf = loadRegistriesConf();
    const inputs = ctx.flags.bool('latest')
      ? listContainerRecords(store.db)
          .slice(-1)
          .map((r) => r.id)
      : ctx.args;
    const found: unknown[] = [];
    const missing: string[] = [];
    for (const input of inputs) {
      const container = type !== 'image' ? findContainer(store.db, input) : undefined;
      if (container) {
        found.push(inspectContainer(store, await syncContainer(store, container)));
        continue;
      }
      const image =
        type === 'all' || type === 'image'
          ? lookupImage(store.db, input, conf.unqualifiedSearchRegistries)
          : undefined;
      if (image) {
        found.push(inspectImage(store.db, image, store.paths.graphRoot));
        continue;
      }
      const volume = type === 'all' || type === 'volume' ? lookupVolume(store.db, input) : undefined;
      if (volume) found.push(inspectVolume(volume));
      else missing.push(input);
    }
    const format = ctx.flags.string('format');
    if (format && !/^\s*(json|\{\{\s*json\s*\.?\s*\}\})\s*$/.test(format))
      ctx.stdout.write(renderFormatted(format, found, { defaultTable: '', headers: {} }));
    else ctx.stdout.write(podmanJson(found));
    if (missing.length > 0) {
      const what = type === 'all' ? 'object' : type;
      throw new CliError(missing.map((m) => `no such ${what}: ${m}`).join('\n'));
    }
  });
}

export default inspectObjectCommand();
