// `berth top CONTAINER [DESCRIPTORS | ps ARGS...]`: the container's processes, podman's table.
import { containerTop } from '../../../container/container-top.js';
import { listContainerRecords } from '../../../container/container-records.js';
import type { CommandModule } from '../../command-spec.js';
import { alignTabs } from '../../format/tabwriter.js';
import { CliError } from '../../usage-error.js';
import { withContainerStore } from './container-context.js';

const command: CommandModule = {
  usage: '[options] CONTAINER [FORMAT-DESCRIPTORS|ARGS...]',
  description:
    'Display the running processes of a container.\n\n  The top command extends the ps(1) compatible AIX descriptors with container-specific ones as shown below. In the presence of ps(1) specific flags (e.g, -eo), Berth will execute ps(1) inside the container.\n\n  Format descriptors: args, capamb, capbnd, capeff, capinh, capprm, comm, etime, group, groups, hgroup, hgroups, hpid, huid, huser, label, nice, pcpu, pgid, pid, ppid, rgroup, rss, ruser, seccomp, state, stime, time, tty, uid, user, vsz',
  examples: [
    'berth top ctrID',
    'berth top --latest',
    'berth top ctrID pid seccomp args %C',
    'berth top ctrID -eo user,pid,comm',
  ],
  flags: [
    { name: 'latest', short: 'l', type: 'bool', help: 'Act on the latest container berth is aware of' },
  ],
  interspersed: false,
  async run(ctx) {
    const latest = ctx.flags.bool('latest');
    if (!latest && ctx.args.length === 0)
      throw new CliError('you must provide the name or ID of a running container');
    return withContainerStore(ctx, async (store) => {
      let input: string;
      let args: string[];
      if (latest) {
        const all = listContainerRecords(store.db);
        if (all.length === 0) throw new CliError('no containers to show: create one first');
        input = all[all.length - 1]!.id;
        args = ctx.args;
      } else {
        [input, ...args] = ctx.args as [string, ...string[]];
      }
      const result = await containerTop(store, input, args);
      const text =
        'rows' in result
          ? result.rows.map((cells) => `${cells.join('\t')}\n`).join('')
          : result.lines.map((l) => `${l}\n`).join('');
      ctx.stdout.write(alignTabs(text));
    });
  },
};
export default command;
