// `berth pod top POD [DESCRIPTORS...]`: the processes of the pod's running containers, one table.
import { containerTop } from '../../../container/container-top.js';
import { podContainers } from '../../../pod/pod-lifecycle.js';
import { requirePod } from '../../../pod/pod-lookup.js';
import type { CommandModule } from '../../command-spec.js';
import { alignTabs } from '../../format/tabwriter.js';
import { CliError } from '../../usage-error.js';
import { withPodStore } from './pod-context.js';

const command: CommandModule = {
  usage: '[options] POD [FORMAT-DESCRIPTORS|ARGS...]',
  description: 'Display the running processes of containers in a pod.',
  examples: ['berth pod top podID', 'berth pod top podID pid seccomp args %C'],
  interspersed: false,
  async run(ctx) {
    if (ctx.args.length === 0) throw new CliError('you must provide the name or ID of a running pod');
    const [input, ...args] = ctx.args as [string, ...string[]];
    return withPodStore(ctx, async (store) => {
      const pod = requirePod(store.db, input);
      const running = (await podContainers(store, pod)).filter((c) => c.state.status === 'running');
      if (running.length === 0)
        throw new CliError(
          `pod ${pod.name} has no running containers: start it first (berth pod start ${pod.name})`,
        );
      let header: string[] | undefined;
      const rows: string[][] = [];
      const lines: string[] = [];
      for (const container of running) {
        const result = await containerTop(store, container.id, args);
        if ('rows' in result) {
          header ??= result.rows[0];
          rows.push(...result.rows.slice(1));
        } else lines.push(...(lines.length === 0 ? result.lines : result.lines.slice(1)));
      }
      const text = header
        ? [header, ...rows].map((cells) => `${cells.join('\t')}\n`).join('')
        : lines.map((l) => `${l}\n`).join('');
      ctx.stdout.write(alignTabs(text));
    });
  },
};
export default command;
