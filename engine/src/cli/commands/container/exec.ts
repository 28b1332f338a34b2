// `berth exec [-i] [-t] [-d] CONTAINER COMMAND [ARG...]`: runs a process in a running container
// and exits with its exit code (126/127 when it cannot be run, as podman).
import { execInContainer } from '../../../container/container-exec.js';
import { openAttachSession, type AttachSession } from '../../../runtime/attach.js';
import { expandHostEnvFlags } from '../../../runtime/command-merge.js';
import type { CommandModule } from '../../command-spec.js';
import { runAttached } from './attach-io.js';
import { withContainerStore } from './container-context.js';
import { readEnvFile } from './create-flags.js';

const command: CommandModule = {
  usage: '[options] CONTAINER COMMAND [ARG...]',
  description: 'Execute the specified command inside a running container.',
  examples: [
    'berth exec -it ctrID ls',
    'berth exec -it -w /tmp myCtr pwd',
    'berth exec --user root ctrID ls',
  ],
  flags: [
    {
      name: 'detach',
      short: 'd',
      type: 'bool',
      help: 'Run the exec session in detached mode (backgrounded)',
    },
    {
      name: 'detach-keys',
      type: 'string',
      default: 'ctrl-p,ctrl-q',
      help: 'Select the key sequence for detaching a container',
    },
    { name: 'env', short: 'e', type: 'stringArray', help: 'Set environment variables' },
    { name: 'env-file', type: 'stringArray', help: 'Read in a file of environment variables' },
    { name: 'interactive', short: 'i', type: 'bool', help: 'Make STDIN available to the contained process' },
    {
      name: 'latest',
      short: 'l',
      type: 'bool',
      help: 'Act on the latest container berth is aware of',
      hidden: true,
    },
    {
      name: 'privileged',
      type: 'bool',
      help: 'Give the process extended Linux capabilities inside the container',
    },
    { name: 'tty', short: 't', type: 'bool', help: 'Allocate a pseudo-TTY. The default is false' },
    {
      name: 'user',
      short: 'u',
      type: 'string',
      help: 'Sets the username or UID used and optionally the groupname or GID for the specified command',
    },
    { name: 'workdir', short: 'w', type: 'string', help: 'Working directory inside the container' },
  ],
  args: { min: 2 },
  interspersed: false,
  async run(ctx) {
    const f = ctx.flags;
    const [container, ...args] = ctx.args;
    const env = [
      ...f.list('env-file').flatMap(readEnvFile),
      ...expandHostEnvFlags(f.list('env'), process.env),
    ];
    return withContainerStore(ctx, async (store) => {
      const detach = f.bool('detach');
      let session: AttachSession | undefined;
      const started = await execInContainer(store, container!, {
        args,
        env,
        user: f.has('user') ? f.string('user') : undefined,
        workdir: f.string('workdir') || undefined,
        terminal: f.bool('tty'),
        privileged: f.bool('privileged'),
        interactive: f.bool('interactive') && !detach,
        onAttachReady: detach
          ? undefined
          : async (paths) => {
              session = await openAttachSession(paths.attachSocket);
            },
      });
      if (detach) {
        ctx.stdout.write(`${started.session.pid}\n`);
        return 0;
      }
      try {
        const end = await runAttached(session!, started.session.paths, {
          stdin: f.bool('interactive') ? process.stdin : undefined,
          stdout: ctx.stdout,
          stderr: ctx.stderr,
          terminal: f.bool('tty'),
          detachKeys: f.string('detach-keys'),
        });
        if (end === 'detached') return 0;
        return await started.session.exitCode;
      } finally {
        session?.close();
        await started.dispose();
      }
    });
  },
};
export default command;
