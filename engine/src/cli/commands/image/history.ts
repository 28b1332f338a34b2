// `berth history`: the steps that made an image, newest first, as podman prints them.
import type { CommandModule } from '../../command-spec.js';
import { imageHistory } from '../../../image/image-history.js';
import { requireImage } from '../../../image/image-lookup.js';
import { LayerStore } from '../../../image/layer-store.js';
import { imageStoreLayout } from '../../../image/store-layout.js';
import { humanSize, timeAgo } from '../../format/human-units.js';
import { withImageStore } from './image-context.js';

const CREATED_BY_WIDTH = 45;

const command: CommandModule = {
  usage: '[options] IMAGE',
  description:
    'Displays the history of an image.\n\n  The information can be printed out in an easy to read, or user specified format, and can be truncated.',
  flags: [
    { name: 'format', type: 'string', help: 'Change the output to JSON or a Go template' },
    {
      name: 'human',
      short: 'H',
      type: 'bool',
      default: true,
      help: 'Display sizes and dates in human readable format',
    },
    { name: 'no-trunc', type: 'bool', help: 'Do not truncate the output' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Display the numeric IDs only' },
  ],
  args: { min: 1, max: 1 },
  async run(ctx) {
    return withImageStore(ctx, async ({ store, conf }) => {
      const record = requireImage(store.db, ctx.args[0]!, conf.unqualifiedSearchRegistries);
      const layout = imageStoreLayout(store.paths.graphRoot);
      const history = imageHistory(store.db, record, new LayerStore(layout.layersDir, layout.tmpDir));
      const noTrunc = ctx.flags.bool('no-trunc');
      const human = ctx.flags.bool('human');
      const shortId = (id: string) => (id === '<missing>' || noTrunc ? id : id.slice(0, 12));
      if (ctx.flags.bool('quiet')) {
        for (const row of history) ctx.stdout.write(`${shortId(row.id)}\n`);
        return;
      }
      const format = ctx.flags.has('format') ? ctx.flags.string('format') : undefined;
      const { renderFormatted, isJsonFormat } = await import('../../format/render-format.js');
      if (isJsonFormat(format)) {
        const json = history.map((h) => ({
          id: h.id,
          created: h.created,
          CreatedBy: h.createdBy,
          size: h.size,
          comment: h.comment,
          tags: h.tags,
        }));
        ctx.stdout.write(renderFormatted(format, json, { defaultTable: '', headers: {} }));
        return;
      }
      const rows = history.map((h) => {
        const createdBy =
          noTrunc || h.createdBy.length <= CREATED_BY_WIDTH
            ? h.createdBy
            : `${h.createdBy.slice(0, CREATED_BY_WIDTH - 3)}...`;
        return {
          ID: shortId(h.id),
          Created: human ? timeAgo(h.created) : h.created,
          CreatedSince: timeAgo(h.created),
          CreatedAt: h.created,
          CreatedBy: createdBy,
          Size: human ? humanSize(h.size) : String(h.size),
          Comment: h.comment,
          Tags: h.tags ?? [],
        };
      });
      ctx.stdout.write(
        renderFormatted(format, rows, {
          defaultTable: 'table {{.ID}}\t{{.Created}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}',
          headers: { CreatedBy: 'CREATED BY' },
        }),
      );
    });
  },
};
export default command;
