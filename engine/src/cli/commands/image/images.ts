// `berth images` / `berth image ls`: podman's table (REPOSITORY TAG IMAGE ID CREATED SIZE), its
// filters, sorting (newest first), -q, --digests, --no-trunc, and --format (json or a Go template).
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { splitName } from '../../../image/image-lookup.js';
import { ImageLineage } from '../../../image/image-lineage.js';
import { listImageRecords, type ImageRecord } from '../../../image/image-records.js';
import { createdSeconds, listImages, repoTags, summarizeImage } from '../../../image/image-summary.js';
import { humanSize, timeAgo } from '../../format/human-units.js';
import { withImageStore } from './image-context.js';
import { byCodePoint } from '../../../util/code-point-order.js';

/** One line of the table: an image under one of its names. Field names are podman's template fields. */
export interface ImageRow {
  ID: string;
  Id: string;
  Repository: string;
  Tag: string;
  Digest: string;
  Created: string;
  CreatedSince: string;
  CreatedAt: string;
  CreatedTime: number;
  Size: string;
  VirtualSize: string;
  Labels: Record<string, string> | null;
  Names: string[];
  Dangling: boolean;
  History: string;
  Containers: number;
  ReadOnly: boolean;
  /** For sorting only. */
  bytes: number;
}

const SORT_KEYS = ['created', 'id', 'repository', 'size', 'tag'];

function rowsFor(
  record: ImageRecord,
  noTrunc: boolean,
  summaryLabels: Record<string, string> | null,
  containers: number,
): ImageRow[] {
  const created = timeAgo(record.created);
  const base = {
    ID: noTrunc ? `sha256:${record.id}` : record.id.slice(0, 12),
    Id: record.id,
    Digest: record.manifestDigest,
    Created: created,
    CreatedSince: created,
    CreatedAt: record.created
      ? new Date(record.created)
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d+Z$/, ' +0000 UTC')
      : '',
    CreatedTime: createdSeconds(record),
    Size: humanSize(record.size),
    VirtualSize: humanSize(record.size),
    Labels: summaryLabels,
    Names: record.names,
    Dangling: repoTags(record).length === 0,
    History: record.namesHistory.join(', '),
    Containers: containers,
    ReadOnly: false,
    bytes: record.size,
  };
  const tagged = record.names.filter((n) => !n.includes('@')).map(splitName);
  if (tagged.length > 0)
    return tagged.map((n) => ({ ...base, Repository: n.repository, Tag: n.tag ?? '<none>' }));
  const repositories = [...new Set(record.names.map((n) => splitName(n).repository))];
  if (repositories.length > 0)
    return repositories.map((repository) => ({ ...base, Repository: repository, Tag: '<none>' }));
  return [{ ...base, Repository: '<none>', Tag: '<none>' }];
}

function sortRows(rows: ImageRow[], key: string): ImageRow[] {
  const compare: Record<string, (a: ImageRow, b: ImageRow) => number> = {
    created: (a, b) => b.CreatedTime - a.CreatedTime,
    id: (a, b) => byCodePoint(a.Id, b.Id),
    repository: (a, b) => byCodePoint(a.Repository, b.Repository),
    size: (a, b) => a.bytes - b.bytes,
    tag: (a, b) => byCodePoint(a.Tag, b.Tag),
  };
  return [...rows].sort(compare[key]);
}

const command: CommandModule = {
  usage: '[options] [IMAGE]',
  description: 'Lists images previously pulled to the system or created on the system.',
  examples: [
    'berth images --format json',
    "berth images --sort repository --format 'table {{.ID}} {{.Repository}} {{.Tag}}'",
    'berth images --filter dangling=true',
  ],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Show all images (default hides intermediate images)' },
    { name: 'digests', type: 'bool', help: 'Show digests' },
    {
      name: 'filter',
      short: 'f',
      type: 'stringArray',
      valueName: 'strings',
      help: 'Filter output based on conditions provided (default [])',
    },
    { name: 'format', type: 'string', help: 'Change the output format to JSON or a Go template' },
    { name: 'noheading', short: 'n', type: 'bool', help: 'Do not print column headings' },
    { name: 'no-trunc', type: 'bool', help: 'Do not truncate output' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Display only image IDs' },
    { name: 'sort', type: 'string', default: 'created', help: 'Sort by created, id, repository, size, tag' },
  ],
  args: { max: 1 },
  async run(ctx) {
    const sortKey = ctx.flags.string('sort') ?? 'created';
    if (!SORT_KEYS.includes(sortKey))
      throw new CliError(`"${sortKey}" is not a valid option for --sort: use one of ${SORT_KEYS.join(', ')}`);
    return withImageStore(ctx, async ({ store, conf }) => {
      const filters = [...ctx.flags.list('filter')];
      if (ctx.args[0] !== undefined) filters.push(`reference=${ctx.args[0]}`);
      let records = listImages(store.db, { filters, searchRegistries: conf.unqualifiedSearchRegistries });
      // podman hides intermediate images (a build's unnamed steps) unless -a.
      if (!ctx.flags.bool('all') && records.some((r) => r.names.length === 0)) {
        const intermediate = new ImageLineage(listImageRecords(store.db)).intermediateIds();
        records = records.filter((r) => !intermediate.has(r.id));
      }
      const noTrunc = ctx.flags.bool('no-trunc');
      const summaries = records.map((r) => summarizeImage(store.db, r));
      const rows = sortRows(
        records.flatMap((r, i) => rowsFor(r, noTrunc, summaries[i]!.Labels, summaries[i]!.Containers)),
        sortKey,
      );
      if (ctx.flags.bool('quiet')) {
        const seen = new Set<string>();
        for (const row of rows) {
          if (seen.has(row.ID)) continue;
          seen.add(row.ID);
          ctx.stdout.write(`${row.ID}\n`);
        }
        return;
      }
      const { renderFormatted, isJsonFormat } = await import('../../format/render-format.js');
      const format = ctx.flags.has('format') ? ctx.flags.string('format') : undefined;
      if (isJsonFormat(format)) {
        const order = new Map(rows.map((row, i) => [row.Id, i]));
        const sorted = [...summaries].sort((a, b) => (order.get(a.Id) ?? 0) - (order.get(b.Id) ?? 0));
        ctx.stdout.write(renderFormatted(format, sorted, { defaultTable: '', headers: {} }));
        return;
      }
      const digests = ctx.flags.bool('digests') ? '{{.Digest}}\t' : '';
      const defaultTable = `table {{.Repository}}\t{{.Tag}}\t${digests}{{.ID}}\t{{.Created}}\t{{.Size}}`;
      let out = renderFormatted(format, rows, {
        defaultTable,
        headers: { ID: 'IMAGE ID', Id: 'IMAGE ID', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT' },
      });
      const isTable = format === undefined || /^table(\s|$)/.test(format);
      if (isTable && ctx.flags.bool('noheading')) out = out.slice(out.indexOf('\n') + 1);
      ctx.stdout.write(out);
    });
  },
};
export default command;
