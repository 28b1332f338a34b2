// `berth port CONTAINER [PORT]` / `berth port -a`: published ports of running containers.
import { listContainers } from '../../../container/container-list.js';
import { lookupPort, portLines } from '../../../container/container-ports.js';
import { containerPortMappings } from '../../../network/container-network.js';
import { requireContainer } from '../../../container/container-lookup.js';
import { syncContainer } from '../../../container/container-sync.js';
import type { ContainerRecord } from '../../../container/container-records.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';

const command: CommandModule = {
  usage: '[options] CONTAINER [PORT]',
  description:
    'List port mappings for the CONTAINER, or look up the public-facing port that is NAT-ed to the PRIVATE_PORT',
  examples: ['berth port --all', 'berth port ctrID 80/tcp', 'berth port --latest 80'],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Display port information for all containers' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest container berth is aware of' },
  ],
  args: { max: 2 },
  async run(ctx) {
    const all = ctx.flags.bool('all');
    const latest = ctx.flags.bool('latest');
    if (all && latest) throw new CliError('--all and --latest cannot be used together');
    if (all && ctx.args.length > 0)
      throw new CliError('the given containers cannot be used with --all: give one or the other');
    if (!all && !latest && ctx.args.length === 0)
      throw new CliError('you must supply a running container name or ID');
    const query = all ? undefined : latest ? ctx.args[0] : ctx.args[1];
    if (latest && ctx.args.length > 1) throw new CliError('with --latest, give only the port');
    return withContainerStore(ctx, async (store) => {
      let records: ContainerRecord[];
      if (all) records = await listContainers(store, { all: true });
      else if (latest) records = (await listContainers(store, { all: true })).slice(-1);
      else records = [await syncContainer(store, requireContainer(store.db, ctx.args[0]!))];
      for (const record of records) {
        // podman lists what the network made: only running containers have mappings.
        if (record.state.status !== 'running') continue;
        // The host ports netavark forwards (random ones resolved at start).
        const mappings = containerPortMappings(store.db, record.id);
        if (query === undefined) {
          const prefix = all ? `${record.id.slice(0, 12)}\t` : '';
          for (const line of portLines(mappings)) ctx.stdout.write(`${prefix}${line}\n`);
          continue;
        }
        const hits = lookupPort(mappings, query);
        for (const hit of hits) ctx.stdout.write(`${hit}\n`);
        if (hits.length === 0) throw new CliError(`failed to find published port "${query}"`);
      }
    });
  },
};
export default command;
