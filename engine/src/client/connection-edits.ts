// Changes to the stored connections, shared by `berth system connection add/rm/default` and the
// desktop app's Settings: the same checks (a name the CLI accepts, a destination it can reach,
// an identity file that exists) and the same stored form (ssh URIs with their port, as podman
// stores them). Each change is one locked read-modify-write (updateConnections).
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  ConnectionError,
  connectionsPath,
  requireConnection,
  updateConnections,
} from './connection-store.js';
import { parseConnectionUri, type ConnectionUri } from './connection-uri.js';

const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export interface NewConnection {
  name: string;
  destination: string;
  identity?: string;
  makeDefault?: boolean;
  /** Overwrite a connection of the same name (the CLI's behaviour); else refuse it. */
  replace?: boolean;
}

/** The URI as stored: unix paths as given, ssh destinations with their port. */
export function storedUri(uri: ConnectionUri): string {
  if (uri.kind === 'unix') return `unix://${uri.path}`;
  const user = uri.user ? `${encodeURIComponent(uri.user)}@` : '';
  const host = uri.host.includes(':') ? `[${uri.host}]` : uri.host;
  return `ssh://${user}${host}:${uri.port}${uri.path}`;
}

/** Checks and stores a connection; the first one (or with makeDefault) becomes the default. */
export function addConnection(
  connection: NewConnection,
  file = connectionsPath(),
): { name: string; uri: string; identity?: string; isDefault: boolean } {
  const { name } = connection;
  if (!NAME_PATTERN.test(name))
    throw new ConnectionError(`invalid connection name "${name}": use letters, digits, "_", "." and "-"`);
  const uri = parseConnectionUri(connection.destination);
  let identity = connection.identity || undefined;
  if (identity !== undefined) {
    if (uri.kind !== 'ssh') throw new ConnectionError('an identity file is only for ssh:// destinations');
    identity = path.resolve(identity);
    if (!existsSync(identity))
      throw new ConnectionError(
        `identity file ${identity} does not exist: give the path of an ssh private key`,
      );
  }
  const stored = storedUri(uri);
  let isDefault = false;
  updateConnections((data) => {
    const { Connections } = data.Connection;
    if (!connection.replace && Connections[name])
      throw new ConnectionError(
        `connection "${name}" already exists (${Connections[name].URI}): remove it first or choose another name`,
      );
    Connections[name] = { URI: stored, ...(identity ? { Identity: identity } : {}) };
    if (connection.makeDefault || data.Connection.Default === '' || !(data.Connection.Default in Connections))
      data.Connection.Default = name;
    isDefault = data.Connection.Default === name;
  }, file);
  return { name, uri: stored, ...(identity ? { identity } : {}), isDefault };
}

/** Forgets a connection; removing the default leaves none (podman's behaviour). */
export function removeConnection(name: string, file = connectionsPath()): void {
  updateConnections((data) => {
    requireConnection(name, data);
    delete data.Connection.Connections[name];
    if (data.Connection.Default === name) data.Connection.Default = '';
  }, file);
}

export function setDefaultConnection(name: string, file = connectionsPath()): void {
  updateConnections((data) => {
    requireConnection(name, data);
    data.Connection.Default = name;
  }, file);
}
