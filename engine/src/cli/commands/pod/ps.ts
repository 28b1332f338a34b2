// `berth pod ps` (ls, list): podman's table (POD ID, NAME, STATUS, CREATED, INFRA ID, # OF
// CONTAINERS), --ctr-names/--ctr-ids/--ctr-status columns, filters (name, id, label, status,
// ctr-names, ctr-ids), -q, --no-trunc, --noheading, --sort and --format (json or a Go template).
import { podView, type PodView } from '../../../pod/pod-inspect.js';
import { listPodRecords } from '../../../pod/pod-records.js';
import type { CommandModule } from '../../command-spec.js';
import { humanDuration } from '../../format/human-units.js';
import { isJsonFormat, renderFormatted } from '../../format/render-format.js';
import { CliError } from '../../usage-error.js';
import { withPodStore } from './pod-context.js';
import { byCodePoint } from '../../../util/code-point-order.js';

const HEADERS: Record<string, string> = {
  ID: 'POD ID',
  Name: 'NAME',
  Status: 'STATUS',
  Created: 'CREATED',
  InfraID: 'INFRA ID',
  NumberOfContainers: '# OF CONTAINERS',
  ContainerNames: 'NAMES',
  ContainerIds: 'IDS',
  ContainerStatuses: 'STATUS',
  Labels: 'LABELS',
  Networks: 'NETWORKS',
};

type Test = (view: PodView) => boolean;

function podFilter(filter: string): Test {
  const eq = filter.indexOf('=');
  const key = eq < 0 ? '' : filter.slice(0, eq);
  const value = filter.slice(eq + 1);
  switch (key) {
    case 'name':
      return (v) => new RegExp(value).test(v.pod.name);
    case 'id':
      return (v) => v.pod.id.startsWith(value);
    case 'label': {
      const [lk, lv] = value.split('=', 2) as [string, string | undefined];
      return (v) => lk in v.pod.config.labels && (lv === undefined || v.pod.config.labels[lk] === lv);
    }
    case 'status': {
      const wanted = ['stopped', 'running', 'paused', 'exited', 'dead', 'created', 'degraded'];
      if (!wanted.includes(value))
        throw new CliError(`${value} is not a valid status: use one of ${wanted.join(', ')}`);
      return (v) => v.status.toLowerCase() === value;
    }
    case 'ctr-names':
      return (v) => v.containers.some((c) => new RegExp(value).test(c.name));
    case 'ctr-ids':
      return (v) => v.containers.some((c) => c.id.startsWith(value));
    case 'ctr-status':
      return (v) => v.containers.some((c) => c.state.status === value);
    default:
      throw new CliError(
        `invalid filter "${filter}": use name, id, label, status, ctr-names, ctr-ids or ctr-status`,
      );
  }
}

const command: CommandModule = {
  usage: '[options]',
  description: 'List all pods on system including their names, ids and current state.',
  examples: ['berth pod ps', "berth pod ps --filter status=running --format '{{.Name}}'", 'berth pod ls -q'],
  flags: [
    {
      name: 'ctr-ids',
      type: 'bool',
      help: 'Display the container UUIDs. If no-trunc is not set they will be truncated',
    },
    { name: 'ctr-names', type: 'bool', help: 'Display the container names' },
    { name: 'ctr-status', type: 'bool', help: 'Display the container status' },
    { name: 'filter', short: 'f', type: 'stringArray', help: 'Filter output based on conditions given' },
    { name: 'format', type: 'string', help: 'Pretty-print pods to JSON or using a Go template' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest pod berth is aware of' },
    { name: 'no-trunc', type: 'bool', help: 'Do not truncate pod and container IDs' },
    { name: 'noheading', type: 'bool', help: 'Do not print headers' },
    { name: 'ns', type: 'bool', help: 'Display namespace information of the pod', hidden: true },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Print the numeric IDs of the pods only' },
    { name: 'sort', type: 'string', default: 'created', help: 'Sort output by created, id, name, or number' },
  ],
  args: { max: 0 },
  async run(ctx) {
    const f = ctx.flags;
    const noTrunc = f.bool('no-trunc');
    const short = (id: string) => (noTrunc ? id : id.slice(0, 12));
    // podman: filters with the same key are ORed, different keys ANDed.
    const byKey = new Map<string, Test[]>();
    for (const filter of f.list('filter')) {
      const key = filter.slice(0, Math.max(filter.indexOf('='), 0));
      byKey.set(key, [...(byKey.get(key) ?? []), podFilter(filter)]);
    }
    return withPodStore(ctx, async (store) => {
      let views: PodView[] = [];
      for (const pod of listPodRecords(store.db)) views.push(await podView(store, pod));
      views = views.filter((v) => [...byKey.values()].every((tests) => tests.some((t) => t(v))));
      if (f.bool('latest')) views = views.slice(-1);
      const sort = f.string('sort') ?? 'created';
      const orders: Record<string, (a: PodView, b: PodView) => number> = {
        created: (a, b) => byCodePoint(b.pod.createdAt, a.pod.createdAt),
        id: (a, b) => byCodePoint(a.pod.id, b.pod.id),
        name: (a, b) => byCodePoint(a.pod.name, b.pod.name),
        number: (a, b) => a.containers.length - b.containers.length,
        status: (a, b) => byCodePoint(a.status, b.status),
      };
      if (!orders[sort])
        throw new CliError(`invalid option for --sort, options are: created, id, name, number, or status`);
      views.sort(orders[sort]);
      if (f.bool('quiet')) {
        ctx.stdout.write(views.map((v) => `${short(v.pod.id)}\n`).join(''));
        return;
      }
      const format = f.string('format');
      if (isJsonFormat(format)) {
        const json = views.map((v) => ({
          Cgroup: '',
          Containers: v.containers.map((c) => ({ Id: c.id, Names: c.name, Status: c.state.status })),
          Created: v.pod.createdAt,
          Id: v.pod.id,
          InfraId: v.pod.infraId,
          Name: v.pod.name,
          Namespace: '',
          Networks: v.pod.config.infra && v.pod.config.networkMode === 'bridge' ? ['podman'] : [],
          Status: v.status,
          Labels: v.pod.config.labels,
        }));
        ctx.stdout.write(`${JSON.stringify(json, null, 4)}\n`);
        return;
      }
      const now = Date.now();
      const rows = views.map((v) => ({
        ID: short(v.pod.id),
        Id: v.pod.id,
        Name: v.pod.name,
        Status: v.status,
        Created: `${humanDuration(now - Date.parse(v.pod.createdAt))} ago`,
        InfraID: v.pod.infraId ? short(v.pod.infraId) : '',
        InfraId: v.pod.infraId,
        NumberOfContainers: v.containers.length,
        ContainerNames: v.containers.map((c) => c.name).join(','),
        ContainerIds: v.containers.map((c) => short(c.id)).join(','),
        ContainerStatuses: v.containers.map((c) => c.state.status).join(','),
        Labels: v.pod.config.labels,
        Networks: v.pod.config.infra && v.pod.config.networkMode === 'bridge' ? 'podman' : '',
      }));
      let table = 'table {{.ID}}\t{{.Name}}\t{{.Status}}\t{{.Created}}\t{{.InfraID}}';
      if (f.bool('ctr-names')) table += '\t{{.ContainerNames}}';
      if (f.bool('ctr-ids')) table += '\t{{.ContainerIds}}';
      if (f.bool('ctr-status')) table += '\t{{.ContainerStatuses}}';
      if (!f.bool('ctr-names') && !f.bool('ctr-ids') && !f.bool('ctr-status'))
        table += '\t{{.NumberOfContainers}}';
      let out = renderFormatted(format || table, rows, { defaultTable: table, headers: HEADERS });
      if (f.bool('noheading') && /^\s*table/.test(format || table)) out = out.slice(out.indexOf('\n') + 1);
      ctx.stdout.write(out);
    });
  },
};
export default command;
