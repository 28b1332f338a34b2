// `berth pod logs POD`: the logs of the pod's containers (the infra's aside) merged, each line
// prefixed with its container's name; -f follows until the containers exit; --tail, --since,
// --until, -t and -c/--container (one member only) as podman's.
import { podContainers } from '../../../pod/pod-lifecycle.js';
import { requirePod } from '../../../pod/pod-lookup.js';
import { listPodRecords } from '../../../pod/pod-records.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { logWindowFrom, printContainerLogs } from '../container/print-logs.js';
import { withPodStore } from './pod-context.js';

const command: CommandModule = {
  usage: '[options] POD',
  description: 'Displays logs for pod with one or more containers.',
  examples: ['berth pod logs podID', 'berth pod logs -c ctrname podName', 'berth pod logs --tail 2 mypod'],
  flags: [
    {
      name: 'container',
      short: 'c',
      type: 'string',
      help: 'Filter logs by container name or id which belongs to pod',
    },
    { name: 'follow', short: 'f', type: 'bool', help: 'Follow log output.  The default is false' },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest pod berth is aware of' },
    {
      name: 'names',
      short: 'n',
      type: 'bool',
      help: 'Output container names instead of container IDs in the log',
    },
    { name: 'since', type: 'string', help: 'Show logs since TIMESTAMP' },
    {
      name: 'tail',
      type: 'int',
      default: -1,
      help: 'Output the specified number of LINES at the end of the logs.  Defaults to -1, which prints all lines',
    },
    { name: 'timestamps', short: 't', type: 'bool', help: 'Output the timestamps in the log' },
    { name: 'until', type: 'string', help: 'Show logs until TIMESTAMP' },
  ],
  args: { max: 1 },
  async run(ctx) {
    const f = ctx.flags;
    const window = logWindowFrom(f);
    return withPodStore(ctx, async (store) => {
      const input = f.bool('latest') ? listPodRecords(store.db).slice(-1)[0]?.id : ctx.args[0];
      if (!input) throw new CliError('give the name or ID of a pod (or --latest)');
      const pod = requirePod(store.db, input);
      let members = (await podContainers(store, pod)).filter((c) => c.id !== pod.infraId);
      const only = f.string('container');
      if (only) {
        members = members.filter((c) => c.name === only || c.id.startsWith(only));
        if (members.length === 0)
          throw new CliError(
            `container ${only} is not in pod ${pod.name}: list its containers with berth ps --pod`,
          );
      }
      // podman prefixes each line with the container (its name, as the issue asks).
      await printContainerLogs(ctx, store, members, window, (record) => `${record.name} `);
    });
  },
};
export default command;
