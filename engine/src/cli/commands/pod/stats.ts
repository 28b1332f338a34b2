// `berth pod stats [POD...]`: resource use of the pods' running containers (cgroups), podman's
// table (POD, CID, NAME, CPU %, MEM USAGE/ LIMIT, MEM %, NET IO, BLOCK IO, PIDS), refreshed every
// --interval seconds until interrupted, or once with --no-stream.
import { sampleContainerStats, type StatsSample } from '../../../container/container-stats.js';
import { podContainers } from '../../../pod/pod-lifecycle.js';
import { requirePod } from '../../../pod/pod-lookup.js';
import { listPodRecords, type PodRecord } from '../../../pod/pod-records.js';
import type { CommandModule } from '../../command-spec.js';
import { isJsonFormat, renderFormatted } from '../../format/render-format.js';
import { CliError } from '../../usage-error.js';
import { statsSize } from '../container/stats.js';
import { withPodStore } from './pod-context.js';

const TABLE =
  'table {{.Pod}}\t{{.CID}}\t{{.Name}}\t{{.CPU}}\t{{.MemUsage}}\t{{.Mem}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDS}}';
const HEADERS: Record<string, string> = {
  Pod: 'POD',
  CID: 'CID',
  Name: 'NAME',
  CPU: 'CPU %',
  MemUsage: 'MEM USAGE/ LIMIT',
  Mem: 'MEM %',
  NetIO: 'NET IO',
  BlockIO: 'BLOCK IO',
  PIDS: 'PIDS',
};
const CLEAR_SCREEN = '\x1b[2J\x1b[1;1H';

const command: CommandModule = {
  usage: '[options] [POD...]',
  description: 'Display a live stream of resource usage statistics for the containers in one or more pods',
  examples: ['berth pod stats', 'berth pod stats --no-stream mypod'],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Provide stats for all pods' },
    {
      name: 'format',
      type: 'string',
      help: 'Pretty-print container statistics to JSON or using a Go template',
    },
    { name: 'interval', short: 'i', type: 'int', default: 5, help: 'Time in seconds between stats reports' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest pod berth is aware of' },
    { name: 'no-reset', type: 'bool', help: 'Disable resetting the screen when streaming' },
    { name: 'no-stream', type: 'bool', help: 'Disable streaming stats and only pull the first result' },
  ],
  async run(ctx) {
    const f = ctx.flags;
    const interval = f.int('interval') ?? 5;
    if (interval < 1) throw new CliError(`invalid interval ${interval}: it must be at least 1 second`);
    const format = f.string('format');
    return withPodStore(ctx, async (store) => {
      const select = (): PodRecord[] => {
        if (ctx.args.length > 0) return ctx.args.map((input) => requirePod(store.db, input));
        const pods = listPodRecords(store.db);
        return f.bool('latest') ? pods.slice(-1) : pods;
      };
      const previous = new Map<string, StatsSample>();
      for (;;) {
        const rows = [];
        for (const pod of select()) {
          for (const container of await podContainers(store, pod)) {
            if (container.state.status !== 'running' && container.state.status !== 'paused') continue;
            const s = await sampleContainerStats(store, container, previous.get(container.id));
            previous.set(container.id, { cpuNano: s.cpuNano, systemNano: s.systemNano });
            rows.push({
              Pod: pod.id.slice(0, 12),
              CID: container.id.slice(0, 12),
              Name: container.name,
              CPU: `${s.cpuPercent.toFixed(2)}%`,
              MemUsage: `${statsSize(s.memUsage)} / ${statsSize(s.memLimit)}`,
              Mem: `${s.memPercent.toFixed(2)}%`,
              NetIO: `${statsSize(s.netInput)} / ${statsSize(s.netOutput)}`,
              BlockIO: `${statsSize(s.blockInput)} / ${statsSize(s.blockOutput)}`,
              PIDS: String(s.pids),
            });
          }
        }
        const out = isJsonFormat(format)
          ? `${JSON.stringify(rows, null, 4)}\n`
          : renderFormatted(format || TABLE, rows, { defaultTable: TABLE, headers: HEADERS });
        const streaming = !f.bool('no-stream');
        if (streaming && !f.bool('no-reset')) ctx.stdout.write(CLEAR_SCREEN);
        ctx.stdout.write(out);
        if (!streaming) return;
        await new Promise((r) => setTimeout(r, interval * 1000));
      }
    });
  },
};
export default command;
