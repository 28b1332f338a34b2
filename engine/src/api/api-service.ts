// The API service as a library: opens the store, starts the server on an address with every
// route, and closes the store when the server stops. `berth system service` is a thin command
// over this; tests and a future RemoteEngine's tests start it the same way.
import { registerContainerHooks } from '../container/container-hooks.js';
import { openStore } from '../state/store.js';
import { startApiServer, type RunningApiServer } from './api-server.js';
import { ExecSessions } from './exec-sessions.js';
import type { ListenAddress } from './listen-address.js';
import { PendingAttaches } from './pending-attaches.js';
import { API_ROUTES } from './routes.js';

export interface ApiServiceOptions {
  root?: string;
  runroot?: string;
  runtime?: string;
  address: ListenAddress;
  idleSeconds: number;
  socketMode?: number;
}

export async function startApiService(options: ApiServiceOptions): Promise<RunningApiServer> {
  // Image and volume removal ask the container domain which containers use them.
  registerContainerHooks();
  const store = openStore({ root: options.root, runroot: options.runroot });
  try {
    const running = await startApiServer(options.address, {
      ctx: { store, runtime: options.runtime, execs: new ExecSessions(), attaches: new PendingAttaches() },
      routes: API_ROUTES,
      idleSeconds: options.idleSeconds,
      socketMode: options.socketMode,
    });
    void running.closed.then(() => store.close());
    return running;
  } catch (error) {
    store.close();
    throw error;
  }
}
