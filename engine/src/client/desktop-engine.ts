// The engine the desktop app serves (Electron main, `berth desktop --web`): a RemoteEngine when a
// connection is selected (`--connection`, `--url`, CONTAINER_CONNECTION, CONTAINER_HOST), else
// the embedded LocalEngine on the given store (for a user outside the rootless namespace, that
// store served by a private `berth system service`: rootless-service-engine.ts).
import type { Engine } from '../contract/engine-contract.js';
import { createLocalEngine, type LocalEngineOptions } from '../engine/local-engine.js';
import { openRemoteEngine, selectRemoteTarget, type ConnectionChoice } from './connect.js';
import { needsRootlessService, openRootlessServiceEngine } from './rootless-service-engine.js';

export interface DesktopEngine {
  engine: Engine;
  /** Where it runs, for the user: "local" or the connection's name. */
  location: string;
  close(): Promise<void>;
}

export async function openDesktopEngine(
  choice: ConnectionChoice,
  local: LocalEngineOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<DesktopEngine> {
  const target = selectRemoteTarget(choice, env);
  if (target) {
    const remote = await openRemoteEngine(target);
    return { engine: remote.engine, location: target.name, close: remote.close };
  }
  // A user's Electron main is outside the rootless namespace: the store is served to it instead.
  if (needsRootlessService()) {
    const service = await openRootlessServiceEngine(local);
    return { engine: service.engine, location: 'local', close: service.close };
  }
  const engine = createLocalEngine(local);
  return { engine, location: 'local', close: () => Promise.resolve(engine.close()) };
}
