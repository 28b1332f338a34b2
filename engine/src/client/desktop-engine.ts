// The engine the desktop app serves (Electron main, `berth desktop --web`): a RemoteEngine when a
// connection is selected (`--connection`, `--url`, CONTAINER_CONNECTION, CONTAINER_HOST, or later
// in the app: connections.use), else the embedded LocalEngine on the given store (for a user
// outside the rootless namespace, that store served by a private `berth system service`:
// rootless-service-engine.ts).
import type { EngineTarget } from '../contract/connection-types.js';
import type { Engine } from '../contract/engine-contract.js';
import { createLocalEngine, type LocalEngineOptions } from '../engine/local-engine.js';
import { openRemoteEngine, selectRemoteTarget, type ConnectionChoice, type RemoteTarget } from './connect.js';
import { needsRootlessService, openRootlessServiceEngine } from './rootless-service-engine.js';

export interface DesktopEngine {
  engine: Engine;
  /** Where it runs, for the user: "local", the connection's name or the URL. */
  location: string;
  close(): Promise<void>;
}

/** The engine the start-up options and environment name; undefined when they name none. */
export function startupTarget(
  choice: ConnectionChoice,
  env: NodeJS.ProcessEnv = process.env,
): { target: EngineTarget; remote: RemoteTarget } | undefined {
  const remote = selectRemoteTarget(choice, env);
  if (!remote) return undefined;
  return {
    target: remote.direct ? { kind: 'url', url: remote.name } : { kind: 'connection', name: remote.name },
    remote,
  };
}

/** For the user: "local", the connection's name or the URL. */
export function targetLabel(target: EngineTarget): string {
  return target.kind === 'local' ? 'local' : target.kind === 'connection' ? target.name : target.url;
}

/**
 * Opens a target. A connection is looked up when opened (it may have changed since) in the
 * connections of `env`'s config folder; a URL needs the RemoteTarget it was given as at start-up
 * (its ssh identity).
 */
export async function openEngineTarget(
  target: EngineTarget,
  local: LocalEngineOptions = {},
  direct?: RemoteTarget,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DesktopEngine> {
  if (target.kind !== 'local') {
    // Only the connection's own config folder is passed on: CONTAINER_HOST must not override it.
    const lookup = { XDG_CONFIG_HOME: env.XDG_CONFIG_HOME, HOME: env.HOME };
    const remote =
      target.kind === 'connection'
        ? selectRemoteTarget({ connection: target.name }, lookup)
        : direct && direct.name === target.url
          ? direct
          : selectRemoteTarget({ url: target.url }, lookup);
    const opened = await openRemoteEngine(remote!);
    return { engine: opened.engine, location: targetLabel(target), close: opened.close };
  }
  // A user's Electron main is outside the rootless namespace: the store is served to it instead.
  if (needsRootlessService()) {
    const service = await openRootlessServiceEngine(local);
    return { engine: service.engine, location: 'local', close: service.close };
  }
  const engine = createLocalEngine(local);
  return { engine, location: 'local', close: () => Promise.resolve(engine.close()) };
}

/** The engine the start-up options select, or the local one. */
export async function openDesktopEngine(
  choice: ConnectionChoice,
  local: LocalEngineOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<DesktopEngine> {
  const startup = startupTarget(choice, env);
  return openEngineTarget(startup?.target ?? { kind: 'local' }, local, startup?.remote, env);
}
