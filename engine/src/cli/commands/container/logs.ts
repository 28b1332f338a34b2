// `berth logs`: the k8s-file log conmon writes, read by any process, for one or several
// containers; -f follows until the container exits, --tail/--since/--until/-t as podman's.
import { requireContainer } from '../../../container/container-lookup.js';
import { listContainerRecords, type ContainerRecord } from '../../../container/container-records.js';
import { syncContainers } from '../../../container/container-sync.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';
import { logWindowFrom, printContainerLogs } from './print-logs.js';

const command: CommandModule = {
  usage: '[options] CONTAINER [CONTAINER...]',
  description:
    'Retrieves logs for one or more containers.\n\n  This does not guarantee execution order when combined with berth run (i.e., your run may not have generated any logs at the time you execute berth logs).',
  examples: [
    'berth logs ctrID',
    'berth logs --names ctrID1 ctrID2',
    'berth logs --tail 2 mywebserver',
    'berth logs --follow=true --since 10m ctrID',
  ],
  flags: [
    { name: 'follow', short: 'f', type: 'bool', help: 'Follow log output.  The default is false' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest container berth is aware of' },
    { name: 'names', short: 'n', type: 'bool', help: 'Output the container name in the log' },
    { name: 'since', type: 'string', help: 'Show logs since TIMESTAMP' },
    {
      name: 'tail',
      type: 'int',
      default: -1,
      help: 'Output the specified number of LINES at the end of the logs.  Defaults to -1, which prints all lines',
    },
    { name: 'timestamps', short: 't', type: 'bool', help: 'Output the timestamps in the log' },
    { name: 'until', type: 'string', help: 'Show logs until TIMESTAMP' },
    {
      name: 'color',
      type: 'bool',
      help: 'Output the containers with different colors in the log',
      hidden: true,
    },
  ],
  async run(ctx) {
    const f = ctx.flags;
    if (!f.bool('latest') && ctx.args.length === 0)
      throw new CliError('specify at least one container name or ID to log');
    const window = logWindowFrom(f);
    return withContainerStore(ctx, async (store) => {
      const found: ContainerRecord[] = f.bool('latest')
        ? listContainerRecords(store.db).slice(-1)
        : ctx.args.map((input) => requireContainer(store.db, input));
      const records = await syncContainers(store, found);
      const several = records.length > 1;
      await printContainerLogs(ctx, store, records, window, (record) =>
        f.bool('names') ? `${record.name} ` : several ? `${record.id.slice(0, 12)} ` : '',
      );
    });
  },
};
export default command;
