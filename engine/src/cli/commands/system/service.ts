// `berth system service [--time SECONDS] [URI]`: the Docker-compatible API on a unix socket (by
// default `<runroot>/berth.sock`; for a user, as podman's $XDG_RUNTIME_DIR/podman/podman.sock,
// `$XDG_RUNTIME_DIR/berth/berth.sock` whatever the run root) or, when asked, on TCP. Opt-in and short-lived by default, as
// podman's: it exits after --time seconds without a request in flight; 0 runs until stopped.
import path from 'node:path';
import { resolveStorePaths, rootlessRuntimeDir } from '../../../config/store-paths.js';
import { log } from '../../../util/logger.js';
import type { CommandModule } from '../../command-spec.js';
import { CliError } from '../../usage-error.js';

const DEFAULT_IDLE_SECONDS = 5;

const command: CommandModule = {
  usage: '[options] [URI]',
  description:
    'Run an API service\n\n  Enable a listening service for API access to Berth commands (the Docker Engine API).',
  examples: [
    'berth system service --time 0 unix:///tmp/berth.sock',
    'berth system service --time 0 tcp:127.0.0.1:8888',
  ],
  flags: [
    {
      name: 'time',
      short: 't',
      type: 'int',
      default: DEFAULT_IDLE_SECONDS,
      help: 'Time until the service session expires in seconds.  Use 0 to disable the timeout',
    },
  ],
  args: { max: 1 },
  async run(ctx) {
    const idleSeconds = ctx.flags.int('time') ?? DEFAULT_IDLE_SECONDS;
    if (idleSeconds < 0)
      throw new CliError(`invalid --time ${idleSeconds}: use 0 (no timeout) or more seconds`);
    const { parseListenAddress, isLoopback, formatListenAddress, ListenAddressError } =
      await import('../../../api/listen-address.js');
    const paths = resolveStorePaths(ctx.global);
    let address;
    try {
      const socketDir = paths.rootless ? path.join(rootlessRuntimeDir(), 'berth') : paths.runRoot;
      address = parseListenAddress(ctx.args[0] ?? '', socketDir);
    } catch (error) {
      if (error instanceof ListenAddressError) throw new CliError(error.message);
      throw error;
    }
    if (address.kind === 'tcp' && !isLoopback(address.host))
      log.warn(
        `the API service on ${formatListenAddress(address)} has no authentication: anyone who can reach it controls this engine; prefer a unix socket or 127.0.0.1`,
      );
    const { startApiService } = await import('../../../api/api-service.js');
    const service = await startApiService({
      root: ctx.global.root,
      runroot: ctx.global.runroot,
      runtime: ctx.global.runtime,
      address,
      idleSeconds,
    });
    log.info(`API service listening on ${formatListenAddress(address)}`);
    const stop = () => void service.close();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await service.closed;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return 0;
  },
};
export default command;
