// `berth run`: create + start, then (unless -d) attach to the container until it exits and exit
// with its code; --rm removes it afterwards. Output is never missed: the attach socket is
// connected after `runc create` and before `runc start`.
import { createContainer } from '../../../container/create-container.js';
import {
  killContainer,
  removeContainer,
  startContainer,
  waitForContainer,
} from '../../../container/container-lifecycle.js';
import type { ContainerPaths } from '../../../container/container-paths.js';
import { cleanupExitedContainer } from '../../../container/container-exit.js';
import { cleanupOwnerFile } from '../../../container/exit-command.js';
import { rm } from 'node:fs/promises';
import { preloadAttachSupport, type AttachSession } from '../../../runtime/attach.js';
import type { CommandModule } from '../../command-spec.js';
import { log } from '../../../util/logger.js';
import { connectAttach, runAttached } from './attach-io.js';
import { withContainerStore } from './container-context.js';
import { CREATE_FLAGS, createRequestFrom } from './create-flags.js';
import { ensureImage } from './ensure-image.js';

const command: CommandModule = {
  usage: '[options] IMAGE [COMMAND [ARG...]]',
  description: 'Runs a command in a new container from the given image',
  examples: [
    'berth run imageID ls -alF /etc',
    'berth run --network=host imageID dnf -y install java',
    'berth run --volume /var/hostdir:/var/ctrdir -i -t fedora /bin/bash',
  ],
  flags: [
    ...CREATE_FLAGS,
    { name: 'detach', short: 'd', type: 'bool', help: 'Run container in background and print container ID' },
    { name: 'sig-proxy', type: 'bool', default: true, help: 'Proxy received signals to the process' },
  ],
  args: { min: 1 },
  interspersed: false,
  async run(ctx) {
    return withContainerStore(ctx, async (store, conf) => {
      const request = createRequestFrom(ctx);
      const detach = ctx.flags.bool('detach');
      const { imageId, searchRegistries } = await ensureImage(ctx, store, conf, request.image);
      const record = await createContainer(store, {
        ...request,
        searchRegistries,
        imageId,
      });
      if (detach) {
        await startContainer(store, record.id);
        ctx.stdout.write(`${record.id}\n`);
        return 0;
      }
      let session: AttachSession | undefined;
      // Detaching leaves a --rm container to its exit command, which removes it when it exits.
      let removeAtEnd = request.autoRemove ?? false;
      // Without a restart policy this process also cleans up (unmount, network teardown) before
      // returning, as podman's run does: the next command then never sees a half-cleaned
      // container. With a policy the exit command decides, after its back-off.
      let cleanAtEnd = !removeAtEnd && record.config.restartPolicy.name === 'no';
      let paths: ContainerPaths | undefined;
      try {
        const started = await startContainer(store, record.id, {
          stdinAttached: request.interactive,
          // This process removes or cleans the container itself: its exit command need not start Node.
          cleanupOwner: removeAtEnd || cleanAtEnd,
          whileCreating: preloadAttachSupport,
          beforeStart: async (_record, p) => {
            paths = p;
            session = await connectAttach(p);
          },
        });
        const end = await runAttached(session!, paths!, {
          stdin: request.interactive ? process.stdin : undefined,
          stdout: ctx.stdout,
          stderr: ctx.stderr,
          terminal: request.tty ?? false,
          detachKeys: ctx.flags.string('detach-keys'),
          onSignal: ctx.flags.bool('sig-proxy')
            ? (signal) =>
                void killContainer(store, started.id, signal.replace(/^SIG/, '')).catch(() => undefined)
            : undefined,
        });
        if (end === 'detached') {
          // Hand the removal and cleanup back to the exit command.
          removeAtEnd = false;
          cleanAtEnd = false;
          await rm(cleanupOwnerFile(paths!.runDir), { force: true });
          return 0;
        }
        const exited = await waitForContainer(store, record.id);
        log.debug(`container ${record.id.slice(0, 12)}: exited with ${exited.state.exitCode}`);
        if (cleanAtEnd) await cleanupExitedContainer(store, record.id);
        return exited.state.exitCode;
      } finally {
        session?.close();
        if (removeAtEnd)
          await removeContainer(store, record.id, { force: true, volumes: true }).catch(() => undefined);
      }
    });
  },
};
export default command;
