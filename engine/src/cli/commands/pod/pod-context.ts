// What every pod command needs: the store named by --root/--runroot (closed afterwards) with the
// container domain's hooks, and a helper that runs a verb on each named pod, podman-style: each
// result printed as it comes, every failure but the last as an `Error:` line, the last one thrown.
import { registerContainerHooks } from '../../../container/container-hooks.js';
import { NoSuchPodError } from '../../../pod/pod-lookup.js';
import { listPodRecords, type PodRecord } from '../../../pod/pod-records.js';
import { openStore, type Store } from '../../../state/store.js';
import type { CommandContext } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';

export async function withPodStore<T>(ctx: CommandContext, work: (store: Store) => Promise<T>): Promise<T> {
  registerContainerHooks();
  const store = openStore({ root: ctx.global.root, runroot: ctx.global.runroot });
  try {
    return await work(store);
  } finally {
    store.close();
  }
}

export interface EachPodOptions {
  /** Exit code when every failure is an unknown pod (pod rm: 1). */
  notFoundCode?: number;
}

/** The pods the command names: its arguments, or every pod with --all / the newest with --latest. */
export function selectedPods(ctx: CommandContext, store: Store): string[] {
  const all = ctx.flags.bool('all');
  const latest = ctx.flags.bool('latest');
  if ((all || latest) && ctx.args.length > 0)
    throw new CliError('when using the --all or --latest flag, no pod names or IDs may be given');
  if (all) return listPodRecords(store.db).map((p) => p.id);
  if (latest)
    return listPodRecords(store.db)
      .slice(-1)
      .map((p) => p.id);
  if (ctx.args.length === 0) throw new CliError('you must provide at least one name or ID');
  return ctx.args;
}

export async function forEachPod(
  ctx: CommandContext,
  store: Store,
  work: (input: string) => Promise<PodRecord>,
  options: EachPodOptions = {},
): Promise<number> {
  const errors: Error[] = [];
  for (const input of selectedPods(ctx, store)) {
    try {
      const pod = await work(input);
      ctx.stdout.write(`${pod.id}\n`);
    } catch (error) {
      errors.push(error as Error);
    }
  }
  if (errors.length === 0) return 0;
  for (const error of errors.slice(0, -1)) ctx.stderr.write(`Error: ${error.message}\n`);
  const last = errors[errors.length - 1]!;
  const code =
    options.notFoundCode !== undefined && errors.every((e) => e instanceof NoSuchPodError)
      ? options.notFoundCode
      : ((last as { exitCode?: number }).exitCode ?? 125);
  throw new CliError(last.message, code);
}
