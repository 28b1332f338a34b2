// `berth start [-a [-i]] CONTAINER...`: starts containers; with --attach, one container, attached
// until it exits (and its exit code is berth's).
import { killContainer, startContainer, waitForContainer } from '../../../container/container-lifecycle.js';
import { containerPaths, type ContainerPaths } from '../../../container/container-paths.js';
import { requireContainer } from '../../../container/container-lookup.js';
import { preloadAttachSupport, type AttachSession } from '../../../runtime/attach.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';
import { connectAttach, runAttached } from './attach-io.js';
import { withContainerStore } from './container-context.js';
import { forEachContainer } from './each-container.js';

const command: CommandModule = {
  usage: '[options] CONTAINER [CONTAINER...]',
  description: 'Starts one or more containers.  The container name or ID can be used.',
  examples: ['berth start 860a4b231279 5421ab43b45', 'berth start --interactive --attach imageID'],
  flags: [
    { name: 'all', type: 'bool', help: 'Start all containers regardless of their state or configuration' },
    { name: 'attach', short: 'a', type: 'bool', help: "Attach container's STDOUT and STDERR" },
    {
      name: 'detach-keys',
      type: 'string',
      default: 'ctrl-p,ctrl-q',
      help: 'Select the key sequence for detaching a container. Format is a single character [a-Z] or a comma separated sequence of `ctrl-<value>`, where `<value>` is one of: `a-z`, `@`, `^`, `[`, `\\`, `]`, `^` or `_`',
    },
    { name: 'interactive', short: 'i', type: 'bool', help: 'Make STDIN available to the contained process' },
    {
      name: 'sig-proxy',
      type: 'bool',
      help: 'Proxy received signals to the process (default true if attaching, false otherwise)',
    },
  ],
  async run(ctx) {
    return withContainerStore(ctx, async (store) => {
      if (ctx.flags.bool('attach')) {
        if (ctx.args.length !== 1)
          throw new CliError('you cannot start and attach multiple containers at once');
        const record = requireContainer(store.db, ctx.args[0]!);
        let session: AttachSession | undefined;
        let paths: ContainerPaths | undefined;
        const interactive = ctx.flags.bool('interactive') && record.config.interactive;
        try {
          const started = await startContainer(store, record.id, {
            stdinAttached: interactive,
            whileCreating: preloadAttachSupport,
            beforeStart: async (_r, p) => {
              paths = p;
              session = await connectAttach(p);
            },
          });
          if (!session) {
            // Already running: attach to it as it is.
            paths = containerPaths(store.paths, started.id);
            session = await connectAttach(paths);
          }
          const sigProxy = ctx.flags.has('sig-proxy') ? ctx.flags.bool('sig-proxy') : true;
          const end = await runAttached(session, paths!, {
            stdin: interactive ? process.stdin : undefined,
            stdout: ctx.stdout,
            stderr: ctx.stderr,
            terminal: record.config.tty,
            detachKeys: ctx.flags.string('detach-keys'),
            onSignal: sigProxy
              ? (signal) =>
                  void killContainer(store, started.id, signal.replace(/^SIG/, '')).catch(() => undefined)
              : undefined,
          });
          if (end === 'detached') return 0;
          return (await waitForContainer(store, record.id)).state.exitCode;
        } finally {
          session?.close();
        }
      }
      if (!ctx.flags.bool('all') && ctx.args.length === 0)
        throw new CliError('start requires at least one argument');
      return forEachContainer(ctx, store, { all: ctx.flags.bool('all') }, async (input) => {
        await startContainer(store, input);
        return input;
      });
    });
  },
};
export default command;
