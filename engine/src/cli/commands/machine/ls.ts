// `berth machine ls`: podman's columns (NAME, VM TYPE, CREATED, LAST UP, CPUS, MEMORY, DISK SIZE),
// -q, --noheading, and --format (json or a Go template over podman's ListReporter fields).
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withMachineStore } from './machine-context.js';

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** go-units BytesSize as podman's machine ls prints it: "%.4g" and a binary unit, no space ("2GiB"). */
async function bytesSize(bytes: number): Promise<string> {
  const { formatFloat } = await import('../../format/go-float.js');
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < BINARY_UNITS.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${formatFloat(size, 'g', 4)}${BINARY_UNITS[unit]}`;
}

const command: CommandModule = {
  usage: '[options]',
  description: 'List managed virtual machines.',
  examples: [
    'berth machine ls',
    "berth machine ls --format '{{.Name}} {{.LastUp}}'",
    'berth machine ls --format json',
  ],
  flags: [
    { name: 'format', type: 'string', help: 'Format volume output using JSON or a Go template' },
    { name: 'noheading', short: 'n', type: 'bool', help: 'Do not print headers' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Show only machine names' },
  ],
  args: { max: 0 },
  async run(ctx) {
    const quiet = ctx.flags.bool('quiet');
    const format = ctx.flags.has('format') ? ctx.flags.string('format') : undefined;
    if (quiet && format !== undefined) throw new CliError('quiet and format flags cannot be used together');
    const { listMachines } = await import('../../../machine/machine-service.js');
    const { DEFAULT_MACHINE_NAME } = await import('../../../machine/machine-paths.js');
    return withMachineStore(ctx, async (store) => {
      const views = await listMachines(store);
      if (quiet) {
        for (const view of views) ctx.stdout.write(`${view.record.config.name}\n`);
        return;
      }
      const { isJsonFormat, isTableFormat, renderFormatted } = await import('../../format/render-format.js');
      const { timeAgo } = await import('../../format/human-units.js');
      const reports = await Promise.all(
        views.map(async ({ record, status, sshPort }) => {
          const { config, paths } = record;
          const json = isJsonFormat(format);
          const lastUp =
            status === 'running' ? 'Currently running' : config.lastUp ? timeAgo(config.lastUp) : 'Never';
          return {
            Name: config.name,
            Default: config.name === DEFAULT_MACHINE_NAME,
            Created: json ? config.created : timeAgo(config.created),
            Running: status === 'running',
            Starting: status === 'starting',
            LastUp: json ? (config.lastUp ?? '0001-01-01T00:00:00Z') : lastUp,
            VMType: config.vmType,
            CPUs: config.cpus,
            Memory: json
              ? String(config.memoryMiB * 1024 ** 2)
              : await bytesSize(config.memoryMiB * 1024 ** 2),
            DiskSize: json ? String(config.diskGiB * 1024 ** 3) : await bytesSize(config.diskGiB * 1024 ** 3),
            Port: sshPort ?? 0,
            RemoteUsername: config.remoteUsername,
            IdentityPath: paths.sshKey,
            UserModeNetworking: true,
          };
        }),
      );
      if (isJsonFormat(format)) {
        ctx.stdout.write(`${JSON.stringify(reports, null, 4)}\n`);
        return;
      }
      let out = renderFormatted(format, reports, {
        defaultTable:
          'table {{.Name}}\t{{.VMType}}\t{{.Created}}\t{{.LastUp}}\t{{.CPUs}}\t{{.Memory}}\t{{.DiskSize}}',
        headers: { VMType: 'VM TYPE', LastUp: 'LAST UP', CPUs: 'CPUS', DiskSize: 'DISK SIZE' },
      });
      const isTable = format === undefined || format === '' || isTableFormat(format);
      if (isTable && ctx.flags.bool('noheading')) out = out.slice(out.indexOf('\n') + 1);
      ctx.stdout.write(out);
    });
  },
};
export default command;
