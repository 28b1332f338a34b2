// The engine's API service as the machine's init runs it: a unix socket, no idle timeout, the
// default store of root unless told otherwise (the image build warms the code on a scratch store).
// Bundled on its own into one CommonJS file (build/machine-image/bundle-guest-service.mjs) that
// the guest loads with a V8 code cache (cached-script.ts): under QEMU's TCG, resolving and
// compiling the CLI's many chunks costs seconds of every machine start.
import { startApiService } from '../../api/api-service.js';
import type { RunningApiServer } from '../../api/api-server.js';
import { log, setLogLevel } from '../../util/logger.js';

export interface GuestApiServiceOptions {
  socketPath: string;
  root?: string;
  runroot?: string;
}

export async function startGuestApiService(options: GuestApiServiceOptions): Promise<RunningApiServer> {
  setLogLevel('info');
  const service = await startApiService({
    root: options.root,
    runroot: options.runroot,
    address: { kind: 'unix', path: options.socketPath },
    idleSeconds: 0,
  });
  log.info(`API service listening on unix://${options.socketPath}`);
  const stop = () => void service.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return service;
}
