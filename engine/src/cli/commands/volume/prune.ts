// `berth volume prune`: removes volumes no container uses, anonymous ones only unless --all (as
// podman 5+ and docker 23+ do); asks first unless --force; prints the removed names.
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { volumePruneFilter } from '../../../volume/volume-filters.js';
import { pruneVolumes } from '../../../volume/volume-remove.js';
import { listVolumeRecords } from '../../../volume/volume-records.js';
import { volumeUsageHooks } from '../../../volume/volume-users.js';
import { confirm, withVolumeStore } from './volume-context.js';

const command: CommandModule = {
  usage: '[options]',
  description:
    'By default, only anonymous (unnamed) unused volumes are removed.\n  Use --all to remove all unused volumes (anonymous and named).\n  The command prompts for confirmation which can be overridden with the --force flag.',
  examples: ['berth volume prune -f', 'berth volume prune --all --filter label=tmp'],
  flags: [
    { name: 'all', short: 'a', type: 'bool', help: 'Remove all unused volumes, both anonymous and named' },
    { name: 'dry-run', type: 'bool', help: 'Show what would be pruned without actually pruning' },
    { name: 'filter', type: 'stringArray', help: "Provide filter values (e.g. 'label=<key>=<value>')" },
    { name: 'force', short: 'f', type: 'bool', help: 'Do not prompt for confirmation' },
  ],
  args: { max: 0 },
  async run(ctx) {
    const force = ctx.flags.bool('force');
    const dryRun = ctx.flags.bool('dry-run');
    if (force && dryRun) throw new CliError('--force and --dry-run cannot be used together');
    return withVolumeStore(ctx, async (store) => {
      const filters = ctx.flags.list('filter');
      const parsed = volumePruneFilter(store.db, filters);
      if (ctx.flags.bool('all') && parsed.all)
        throw new CliError('--all and --filter all cannot be used together');
      const all = ctx.flags.bool('all') || parsed.all;
      if (!force) {
        const candidates = listVolumeRecords(store.db).filter(
          (v) =>
            (all || v.anonymous) &&
            parsed.filter(v) &&
            volumeUsageHooks().containersUsingVolume(store.db, v.name).length === 0,
        );
        if (dryRun) {
          ctx.stdout.write('Volumes that would be pruned:\n');
          for (const v of candidates) ctx.stdout.write(`${v.name}\n`);
          return 0;
        }
        ctx.stdout.write(
          all
            ? 'WARNING! This will remove all volumes not used by at least one container. The following volumes will be removed:\n'
            : 'WARNING! This will remove anonymous local volumes not used by at least one container. The following volumes will be removed:\n',
        );
        if (candidates.length === 0) {
          ctx.stdout.write(all ? 'No dangling volumes found\n' : 'No dangling anonymous volumes found\n');
          return 0;
        }
        for (const v of candidates) ctx.stdout.write(`${v.name}\n`);
        if (!(await confirm('Are you sure you want to continue? [y/N] ', ctx.stdout))) return 0;
      }
      const removed = await pruneVolumes(store, { all, filter: parsed.filter });
      for (const name of removed) ctx.stdout.write(`${name}\n`);
      return 0;
    });
  },
};
export default command;
