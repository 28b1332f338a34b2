// What `machine start` (and `init --now`) print once the API answers: where the forwarded socket
// is and how to point the docker CLI at it.
import type { CommandContext } from '../../command-spec.js';
import type { MachineRecord } from '../../../machine/machine-store.js';

export function printStarted(ctx: CommandContext, record: MachineRecord): void {
  const socket = record.paths.apiSocket;
  ctx.stdout.write(
    `Machine "${record.config.name}" started successfully\n\n` +
      `The engine's API socket is forwarded to the host at:\n\n\t${socket}\n\n` +
      `To use it with the docker CLI:\n\n\texport DOCKER_HOST='unix://${socket}'\n`,
  );
}
