// Named connections (`berth system connection add/ls/rm/default`) in one JSON file under the
// user's config directory, `$XDG_CONFIG_HOME/berth/connections.json` (else ~/.config), mode 0600
// as it may name ssh keys; the shape is podman's connections file. Written whole through a
// temporary file and a rename, so a crash never leaves half a file.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface StoredConnection {
  URI: string;
  Identity?: string;
}

export interface ConnectionsFile {
  Connection: { Default: string; Connections: Record<string, StoredConnection> };
}

export class ConnectionError extends Error {
  readonly exitCode = 125;
}

export function connectionsPath(env: NodeJS.ProcessEnv = process.env): string {
  const config = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(config, 'berth', 'connections.json');
}

export function readConnections(file = connectionsPath()): ConnectionsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { Connection: { Default: '', Connections: {} } };
    throw new ConnectionError(`reading connections from ${file}: ${(error as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as Partial<ConnectionsFile>;
    return {
      Connection: {
        Default: parsed.Connection?.Default ?? '',
        Connections: parsed.Connection?.Connections ?? {},
      },
    };
  } catch (error) {
    throw new ConnectionError(`${file} is not valid JSON (${(error as Error).message}): fix or remove it`);
  }
}

export function writeConnections(data: ConnectionsFile, file = connectionsPath()): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

/** A stored connection by name; the error lists what exists. */
export function requireConnection(
  name: string,
  file = connectionsPath(),
): StoredConnection & { Name: string } {
  const data = readConnections(file);
  const found = data.Connection.Connections[name];
  if (!found) {
    const known = Object.keys(data.Connection.Connections);
    throw new ConnectionError(
      `connection "${name}" not found: ${known.length > 0 ? `known connections: ${known.join(', ')}` : 'add one with berth system connection add'}`,
    );
  }
  return { Name: name, ...found };
}
