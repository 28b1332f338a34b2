// `berth wait CONTAINER...`: prints each container's exit code once it has exited.
import { waitForContainer } from '../../../container/container-lifecycle.js';
import type { ContainerStatus } from '../../../container/container-state.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';
import { forEachContainer } from './each-container.js';

const CONDITIONS: Record<string, ContainerStatus[]> = {
  stopped: ['exited'],
  exited: ['exited'],
  running: ['running'],
  paused: ['paused'],
  created: ['created'],
  configured: ['created'],
  initialized: ['initialized'],
  stopping: ['stopping'],
};

const command: CommandModule = {
  usage: '[options] CONTAINER [CONTAINER...]',
  description: 'Block until one or more containers stop and then print their exit codes.',
  examples: ['berth wait --interval 5s ctrID', 'berth wait ctrID1 ctrID2'],
  flags: [
    { name: 'condition', type: 'stringArray', help: 'Condition to wait on' },
    { name: 'ignore', type: 'bool', help: 'Ignore if a container does not exist' },
    {
      name: 'interval',
      short: 'i',
      type: 'string',
      default: '250ms',
      help: 'Time Interval to wait before polling for completion',
    },
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest container berth is aware of' },
  ],
  async run(ctx) {
    const latest = ctx.flags.bool('latest');
    if (!latest && ctx.args.length === 0)
      throw new CliError('you must provide at least one container name or id');
    const conditions = new Set<ContainerStatus>();
    for (const c of ctx.flags.list('condition')) {
      const mapped = CONDITIONS[c];
      if (!mapped) throw new CliError(`invalid condition "${c}": use ${Object.keys(CONDITIONS).join(', ')}`);
      mapped.forEach((s) => conditions.add(s));
    }
    return withContainerStore(ctx, (store) =>
      forEachContainer(ctx, store, { latest }, async (input) => {
        const record = await waitForContainer(store, input, {
          conditions: conditions.size > 0 ? conditions : undefined,
        });
        return String(conditions.size > 0 && !conditions.has('exited') ? -1 : record.state.exitCode);
      }),
    );
  },
};
export default command;
