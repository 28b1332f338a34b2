// `berth stats [CONTAINER...]`: live resource use from cgroups, podman's table (or --format json /
// a template), refreshed every --interval seconds until interrupted, or once with --no-stream.
import { listContainers } from '../../../container/container-list.js';
import { requireContainer } from '../../../container/container-lookup.js';
import type { ContainerRecord } from '../../../container/container-records.js';
import {
  sampleContainerStats,
  type ContainerStats,
  type StatsSample,
} from '../../../container/container-stats.js';
import { formatGoDuration } from '../../../util/go-duration.js';
import type { CommandModule } from '../../command-spec.js';
import { formatFloat } from '../../format/go-float.js';
import { isJsonFormat, renderFormatted } from '../../format/render-format.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';

const DEFAULT_TABLE =
  'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDS}}\t{{.UpTime}}\t{{.AVGCPU}}';
const HEADERS: Record<string, string> = {
  ID: 'ID',
  Name: 'NAME',
  UpTime: 'CPU TIME',
  CPUPerc: 'CPU %',
  AVGCPU: 'AVG CPU %',
  MemUsage: 'MEM USAGE / LIMIT',
  MemUsageBytes: 'MEM USAGE / LIMIT',
  MemPerc: 'MEM %',
  NetIO: 'NET IO',
  BlockIO: 'BLOCK IO',
  PIDS: 'PIDS',
};
/** Clears the terminal and homes the cursor between samples, as podman does. */
const CLEAR_SCREEN = '\x1b[2J\x1b[1;1H';

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** go-units HumanSizeWithPrecision(size, 4) without a space: "352.3kB", "25.28GB". */
export function statsSize(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < UNITS.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${formatFloat(size, 'g', 4)}${UNITS[unit]}`;
}

function percent(value: number): string {
  return `${value.toFixed(2)}%`;
}

function row(stats: ContainerStats, noTrunc: boolean) {
  return {
    ID: noTrunc ? stats.id : stats.id.slice(0, 12),
    ContainerID: stats.id,
    Name: stats.name,
    CPU: stats.cpuPercent,
    CPUNano: stats.cpuNano,
    CPUPerc: percent(stats.cpuPercent),
    AVGCPU: percent(stats.avgCpuPercent),
    AvgCPU: stats.avgCpuPercent,
    MemUsage: `${statsSize(stats.memUsage)} / ${statsSize(stats.memLimit)}`,
    MemUsageBytes: `${statsSize(stats.memUsage)} / ${statsSize(stats.memLimit)}`,
    MemLimit: stats.memLimit,
    MemPerc: percent(stats.memPercent),
    NetIO: `${statsSize(stats.netInput)} / ${statsSize(stats.netOutput)}`,
    NetInput: stats.netInput,
    NetOutput: stats.netOutput,
    BlockIO: `${statsSize(stats.blockInput)} / ${statsSize(stats.blockOutput)}`,
    BlockInput: stats.blockInput,
    BlockOutput: stats.blockOutput,
    PIDS: String(stats.pids),
    PIDs: stats.pids,
    UpTime: formatGoDuration(stats.cpuNano),
  };
}

function asJson(rows: ReturnType<typeof row>[]): string {
  return `${JSON.stringify(
    rows.map((r) => ({
      id: r.ID,
      name: r.Name,
      cpu_time: r.UpTime,
      cpu_percent: r.CPUPerc,
      avg_cpu: r.AVGCPU,
      mem_usage: r.MemUsage,
      mem_percent: r.MemPerc,
      net_io: r.NetIO,
      block_io: r.BlockIO,
      pids: r.PIDS,
    })),
    null,
    1,
  )}\n`;
}

const command: CommandModule = {
  usage: '[options] [CONTAINER...]',
  description:
    'Display percentage of CPU, memory, network I/O, block I/O and PIDs for one or more containers.',
  examples: [
    'berth stats --all --no-stream',
    'berth stats ctrID',
    'berth stats --no-stream --format "table {{.ID}} {{.Name}} {{.MemUsage}}" ctrID',
  ],
  flags: [
    {
      name: 'all',
      short: 'a',
      type: 'bool',
      help: 'Show all containers. Only running containers are shown by default. The default is false',
    },
    {
      name: 'format',
      type: 'string',
      help: 'Pretty-print container statistics to JSON or using a Go template',
    },
    { name: 'interval', short: 'i', type: 'int', default: 5, help: 'Time in seconds between stats reports' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest container berth is aware of' },
    { name: 'no-reset', type: 'bool', help: 'Disable resetting the screen between intervals' },
    {
      name: 'no-stream',
      type: 'bool',
      help: 'Disable streaming stats and only pull the first result, default setting is false',
    },
    { name: 'no-trunc', type: 'bool', help: 'Do not truncate output' },
  ],
  async run(ctx) {
    const f = ctx.flags;
    const all = f.bool('all');
    const latest = f.bool('latest');
    if ((all || latest) && ctx.args.length > 0)
      throw new CliError('--all and --latest cannot be used with container names: give one or the other');
    const interval = f.int('interval') ?? 5;
    if (interval < 1) throw new CliError(`invalid interval ${interval}: it must be at least 1 second`);
    const format = f.string('format');
    const noTrunc = f.bool('no-trunc');
    return withContainerStore(ctx, async (store) => {
      const previous = new Map<string, StatsSample>();
      const select = async (): Promise<ContainerRecord[]> => {
        if (ctx.args.length > 0) return ctx.args.map((name) => requireContainer(store.db, name));
        const records = await listContainers(store, { all: all || latest });
        return latest ? records.slice(-1) : records;
      };
      for (;;) {
        const records = await select();
        const samples = [];
        for (const record of records) {
          const sample = await sampleContainerStats(store, record, previous.get(record.id));
          previous.set(record.id, { cpuNano: sample.cpuNano, systemNano: sample.systemNano });
          samples.push(row(sample, noTrunc));
        }
        let out: string;
        if (isJsonFormat(format)) out = asJson(samples);
        else
          out = renderFormatted(format || DEFAULT_TABLE, samples, {
            defaultTable: DEFAULT_TABLE,
            headers: HEADERS,
          });
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
