// `berth network ls`: podman's table (NETWORK ID, NAME, DRIVER), its filters (name, id, driver,
// label), -q, --noheading, --no-trunc and --format (json: the inspect objects; or a Go template).
import { ensureDefaultNetwork } from '../../../network/network-default.js';
import { inspectNetwork } from '../../../network/network-inspect.js';
import { listNetworkRecords, type NetworkRecord } from '../../../network/network-records.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withNetworkStore } from './network-context.js';

export function networkFilter(filters: readonly string[]): (n: NetworkRecord) => boolean {
  const tests = filters.map((filter) => {
    const eq = filter.indexOf('=');
    const key = filter.slice(0, eq);
    const value = filter.slice(eq + 1);
    switch (eq < 0 ? '' : key) {
      case 'name':
        return (n: NetworkRecord) => new RegExp(value).test(n.name);
      case 'id':
        return (n: NetworkRecord) => n.id.startsWith(value);
      case 'driver':
        return (n: NetworkRecord) => n.driver === value;
      case 'label': {
        const [lk, lv] = value.split('=', 2) as [string, string | undefined];
        return (n: NetworkRecord) => lk in n.labels && (lv === undefined || n.labels[lk] === lv);
      }
      default:
        throw new CliError(`invalid filter "${filter}": use name=, id=, driver= or label=`);
    }
  });
  return (n) => tests.every((t) => t(n));
}

const command: CommandModule = {
  usage: '[options]',
  description: 'List networks',
  examples: ['berth network ls', "berth network ls --format '{{.Name}}'"],
  flags: [
    { name: 'filter', short: 'f', type: 'stringArray', help: 'Provide filter values (e.g. name=podman)' },
    { name: 'format', type: 'string', help: 'Pretty-print networks to JSON or using a Go template' },
    { name: 'no-trunc', type: 'bool', help: 'Do not truncate the network ID' },
    { name: 'noheading', type: 'bool', help: 'Do not print headers' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'display only names' },
  ],
  args: { max: 0 },
  async run(ctx) {
    return withNetworkStore(ctx, async (store) => {
      ensureDefaultNetwork(store.db);
      const networks = listNetworkRecords(store.db).filter(networkFilter(ctx.flags.list('filter')));
      if (ctx.flags.bool('quiet')) {
        for (const n of networks) ctx.stdout.write(`${n.name}\n`);
        return;
      }
      const format = ctx.flags.has('format') ? ctx.flags.string('format') : undefined;
      const { isJsonFormat, isTableFormat, renderFormatted } = await import('../../format/render-format.js');
      if (isJsonFormat(format)) {
        ctx.stdout.write(`${JSON.stringify(networks.map(inspectNetwork), null, 2)}\n`);
        return;
      }
      const noTrunc = ctx.flags.bool('no-trunc');
      const rows = networks.map((n) => ({
        ...inspectNetwork(n),
        ID: noTrunc ? n.id : n.id.slice(0, 12),
        Name: n.name,
        Driver: n.driver,
        Labels: Object.entries(n.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
        NetworkInterface: n.networkInterface,
        Internal: n.internal,
        DNSEnabled: n.dnsEnabled,
      }));
      let out = renderFormatted(format, rows, {
        defaultTable: 'table {{.ID}}\t{{.Name}}\t{{.Driver}}',
        headers: { ID: 'NETWORK ID' },
      });
      const isTable = format === undefined || format === '' || isTableFormat(format);
      if (isTable && ctx.flags.bool('noheading')) out = out.slice(out.indexOf('\n') + 1);
      ctx.stdout.write(out);
    });
  },
};
export default command;
