// `berth ps`: podman's table (CONTAINER ID, IMAGE, COMMAND, CREATED, STATUS, PORTS, NAMES),
// -a -q -s --filter --format --no-trunc --last/--latest, and --format json.
import { listContainers, summarizeContainer } from '../../../container/container-list.js';
import type { ContainerRecord } from '../../../container/container-records.js';
import type { CommandModule } from '../../command-spec.js';
import { renderFormatted } from '../../format/render-format.js';
import { humanDuration, humanSize } from '../../format/human-units.js';
import { withContainerStore } from './container-context.js';
import { containerDiskUsage } from '../../../container/container-size.js';
import { getPodRecord } from '../../../pod/pod-records.js';
import { byCodePoint } from '../../../util/code-point-order.js';

const DEFAULT_TABLE =
  'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
const SIZE_TABLE = `${DEFAULT_TABLE}\t{{.Size}}`;
const HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID',
  CreatedHuman: 'CREATED',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Names: 'NAMES',
  Image: 'IMAGE',
  Command: 'COMMAND',
  Status: 'STATUS',
  Ports: 'PORTS',
  Size: 'SIZE',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  Networks: 'NETWORKS',
  Pod: 'POD ID',
  PodName: 'PODNAME',
  State: 'STATE',
  ImageID: 'IMAGE ID',
  Restarts: 'RESTARTS',
};

/** podman's STATUS column wording. */
export function statusText(record: ContainerRecord, now = Date.now()): string {
  const { state } = record;
  switch (state.status) {
    case 'running':
      return `Up ${humanDuration(now - Date.parse(state.startedAt))}`;
    case 'paused':
      return 'Paused';
    case 'exited':
      return `Exited (${state.exitCode}) ${humanDuration(now - Date.parse(state.finishedAt))} ago`;
    case 'created':
      return 'Created';
    case 'initialized':
      return 'Initialized';
    case 'stopping':
      return 'Stopping';
    case 'removing':
      return 'Removing';
  }
}

function commandText(args: string[], noTrunc: boolean): string {
  const text = args.join(' ');
  return !noTrunc && text.length > 17 ? `${text.slice(0, 17)}...` : text;
}

const command: CommandModule = {
  usage: '[options]',
  description: 'Prints out information about the containers',
  examples: [
    'berth ps -a',
    "berth ps -a --format '{{.ID}}  {{.Image}}  {{.Labels}}  {{.Mounts}}'",
    'berth ps --size --sort names',
  ],
  flags: [
    {
      name: 'all',
      short: 'a',
      type: 'bool',
      help: 'Show all the containers, default is only running containers',
    },
    { name: 'filter', short: 'f', type: 'stringArray', help: 'Filter output based on conditions given' },
    { name: 'format', type: 'string', help: 'Pretty-print containers to JSON or using a Go template' },
    {
      name: 'last',
      short: 'n',
      type: 'int',
      default: -1,
      help: 'Print the n last created containers (all states)',
    },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest container berth is aware of' },
    { name: 'no-trunc', type: 'bool', help: 'Display the extended information' },
    { name: 'noheading', type: 'bool', help: 'Do not print headers' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Print the numeric IDs of the containers only' },
    { name: 'size', short: 's', type: 'bool', help: 'Display the total file sizes' },
    {
      name: 'sort',
      type: 'string',
      default: 'created',
      help: 'Sort output by: command, created, id, image, names, runningfor, size, status',
    },
    {
      name: 'external',
      type: 'bool',
      help: 'Show containers in storage not controlled by Berth',
      hidden: true,
    },
    { name: 'ns', type: 'bool', help: 'Display namespace information', hidden: true },
    {
      name: 'pod',
      short: 'p',
      type: 'bool',
      help: 'Print the ID and name of the pod the containers are associated with',
    },
  ],
  args: { max: 0 },
  async run(ctx) {
    const f = ctx.flags;
    const noTrunc = f.bool('no-trunc');
    return withContainerStore(ctx, async (store) => {
      const last = f.int('last') ?? -1;
      let records = await listContainers(store, {
        all: f.bool('all') || last >= 0 || f.bool('latest'),
        filters: f.list('filter'),
      });
      if (f.bool('latest')) records = records.slice(-1);
      if (last >= 0) records = records.slice(Math.max(0, records.length - last));
      const now = Date.now();
      const rows = records.map((record) => {
        const summary = summarizeContainer(record);
        const size = f.bool('size') ? containerDiskUsage(store, record) : undefined;
        return {
          ...summary,
          ID: noTrunc ? record.id : record.id.slice(0, 12),
          Command: commandText(summary.Command, noTrunc),
          CreatedHuman: `${humanDuration(now - Date.parse(record.createdAt))} ago`,
          RunningFor: `${humanDuration(now - Date.parse(record.createdAt))} ago`,
          CreatedAt: record.createdAt,
          Status: statusText(record, now),
          Names: record.name,
          Ports: '',
          Labels: record.config.labels,
          Size: size ? `${humanSize(size.rw)} (virtual ${humanSize(size.rootFs)})` : '',
          Mounts: summary.Mounts.join(','),
          Networks: '',
          // --- pods: the POD ID and PODNAME columns of --pod ---
          Pod: record.config.pod ? (noTrunc ? record.config.pod : record.config.pod.slice(0, 12)) : '',
          PodName: record.config.pod ? (getPodRecord(store.db, record.config.pod)?.name ?? '') : '',
          // --- end pods ---
          sortCreated: record.createdAt,
          summary,
        };
      });
      const sortKey = f.string('sort') ?? 'created';
      const compare: Record<string, (a: (typeof rows)[number], b: (typeof rows)[number]) => number> = {
        // Byte order, as Go's sort compares strings (and no ICU collator at start-up).
        created: (a, b) => byCodePoint(b.sortCreated, a.sortCreated),
        runningfor: (a, b) => byCodePoint(b.sortCreated, a.sortCreated),
        id: (a, b) => byCodePoint(a.Id, b.Id),
        image: (a, b) => byCodePoint(a.Image, b.Image),
        names: (a, b) => byCodePoint(a.Names, b.Names),
        command: (a, b) => byCodePoint(a.Command, b.Command),
        status: (a, b) => byCodePoint(a.Status, b.Status),
        size: (a, b) => byCodePoint(a.Size, b.Size),
      };
      if (!compare[sortKey])
        throw new Error(
          `invalid option for --sort, options are: command, created, id, image, names, runningfor, size, or status`,
        );
      rows.sort(compare[sortKey]);
      if (f.bool('quiet')) {
        ctx.stdout.write(rows.map((r) => `${r.ID}\n`).join(''));
        return;
      }
      const format = f.string('format');
      if (format !== undefined && /^\s*json\s*$/.test(format)) {
        ctx.stdout.write(
          `${JSON.stringify(
            rows.map((r) => ({ ...r.summary, Status: r.Status, CreatedAt: r.CreatedHuman, Size: size(r) })),
            null,
            4,
          )}\n`,
        );
        return;
      }
      let table = format ?? (f.bool('size') ? SIZE_TABLE : DEFAULT_TABLE);
      if (!format && f.bool('pod'))
        table = `${f.bool('size') ? SIZE_TABLE : DEFAULT_TABLE}\t{{.Pod}}\t{{.PodName}}`; // pods

      let out = renderFormatted(table, rows, { defaultTable: DEFAULT_TABLE, headers: HEADERS });
      if (f.bool('noheading') && /^\s*table/.test(table)) out = out.slice(out.indexOf('\n') + 1);
      ctx.stdout.write(out);
    });
  },
};

function size(row: { Size: string }): unknown {
  return row.Size === '' ? undefined : row.Size;
}
export default command;
