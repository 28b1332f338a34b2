// Which remote service a command or the desktop app talks to, and the RemoteEngine for it: an
// explicit URL (`--url`, CONTAINER_HOST) wins over a named connection (`--connection`,
// CONTAINER_CONNECTION), which wins over the default one (`--remote`). ssh destinations get a
// tunnel that closes with the engine.
import { parseConnectionUri, type ConnectionUri } from './connection-uri.js';
import { ConnectionError, connectionsPath, readConnections, requireConnection } from './connection-store.js';
import { createRemoteEngine, type RemoteEngine } from './remote-engine.js';
import { openSshTunnel } from './ssh-tunnel.js';

export interface RemoteTarget {
  /** The connection's name, or the URL when given directly. */
  name: string;
  /** Whether a URL was given directly (`--url`, CONTAINER_HOST) rather than a connection's name. */
  direct: boolean;
  uri: ConnectionUri;
  identity?: string;
}

export interface ConnectionChoice {
  connection?: string;
  url?: string;
  identity?: string;
  /** `--remote`: the default connection when no other is named. */
  remote?: boolean;
}

/** The remote target the options and environment select; undefined: work locally. */
export function selectRemoteTarget(
  choice: ConnectionChoice,
  env: NodeJS.ProcessEnv = process.env,
): RemoteTarget | undefined {
  const url = choice.url ?? (choice.connection === undefined ? env.CONTAINER_HOST : undefined);
  if (url)
    return {
      name: url,
      direct: true,
      uri: parseConnectionUri(url),
      identity: choice.identity ?? env.CONTAINER_SSHKEY,
    };
  let name = choice.connection ?? env.CONTAINER_CONNECTION;
  if (!name && choice.remote) {
    name = readConnections(connectionsPath(env)).Connection.Default;
    if (!name)
      throw new ConnectionError(
        '--remote needs a default connection: add one with berth system connection add --default NAME URI',
      );
  }
  if (!name) return undefined;
  const stored = requireConnection(name, connectionsPath(env));
  return {
    name,
    direct: false,
    uri: parseConnectionUri(stored.URI),
    identity: choice.identity ?? stored.Identity,
  };
}

export interface OpenedRemote {
  engine: RemoteEngine;
  close(): Promise<void>;
}

export async function openRemoteEngine(target: RemoteTarget): Promise<OpenedRemote> {
  if (target.uri.kind === 'unix')
    return { engine: createRemoteEngine({ socketPath: target.uri.path }), close: () => Promise.resolve() };
  const tunnel = await openSshTunnel(target.uri, { identity: target.identity });
  return { engine: createRemoteEngine({ socketPath: tunnel.socketPath }), close: () => tunnel.close() };
}
