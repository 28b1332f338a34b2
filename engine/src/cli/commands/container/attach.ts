// `berth attach CONTAINER`: the user's terminal to a running container's stdio (stdin only when
// it was created with -i), until it exits (exit code is berth's) or the detach keys are typed.
import { containerPaths } from '../../../container/container-paths.js';
import { requireContainer } from '../../../container/container-lookup.js';
import { killContainer, waitForContainer } from '../../../container/container-lifecycle.js';
import { syncContainer } from '../../../container/container-sync.js';
import { ContainerStateError } from '../../../container/container-start.js';
import { openAttachSession } from '../../../runtime/attach.js';
import type { CommandModule } from '../../command-spec.js';
import { runAttached } from './attach-io.js';
import { withContainerStore } from './container-context.js';

const command: CommandModule = {
  usage: '[options] CONTAINER',
  description:
    "The berth attach command allows you to attach to a running container using the container's ID or name, either to view its ongoing output or to control it interactively.",
  examples: ['berth attach ctrID', 'berth attach 1234', 'berth attach --no-stdin foobar'],
  flags: [
    {
      name: 'detach-keys',
      type: 'string',
      default: 'ctrl-p,ctrl-q',
      help: 'Select the key sequence for detaching a container',
    },
    {
      name: 'latest',
      short: 'l',
      type: 'bool',
      help: 'Act on the latest container berth is aware of',
      hidden: true,
    },
    { name: 'no-stdin', type: 'bool', help: 'Do not attach STDIN. The default is false' },
    {
      name: 'sig-proxy',
      type: 'bool',
      default: true,
      help: 'Proxy received signals to the container process',
    },
  ],
  args: { min: 1, max: 1 },
  async run(ctx) {
    return withContainerStore(ctx, async (store) => {
      const record = await syncContainer(store, requireContainer(store.db, ctx.args[0]!));
      if (record.state.status !== 'running')
        throw new ContainerStateError(
          `you can only attach to running containers: ${record.name} is ${record.state.status}`,
        );
      const paths = containerPaths(store.paths, record.id);
      const session = await openAttachSession(paths.attachSocket);
      try {
        const end = await runAttached(session, paths, {
          stdin: record.config.interactive && !ctx.flags.bool('no-stdin') ? process.stdin : undefined,
          stdout: ctx.stdout,
          stderr: ctx.stderr,
          terminal: record.config.tty,
          detachKeys: ctx.flags.string('detach-keys'),
          onSignal:
            ctx.flags.bool('sig-proxy') && !record.config.tty
              ? (signal) =>
                  void killContainer(store, record.id, signal.replace(/^SIG/, '')).catch(() => undefined)
              : undefined,
        });
        if (end === 'detached') return 0;
        return (await waitForContainer(store, record.id)).state.exitCode;
      } finally {
        session.close();
      }
    });
  },
};
export default command;
