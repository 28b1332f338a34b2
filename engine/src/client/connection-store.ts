// Named connections (`berth system connection add/ls/rm/default`) in one JSON file under the
// user's config directory, `$XDG_CONFIG_HOME/berth/connections.json` (else ~/.config), mode 0600
// as it may name ssh keys; the shape is podman's connections file. Written whole through a
// temporary file and a rename, so a crash never leaves half a file; every change is a
// read-modify-write under a lock file, so that two processes (a CLI and `machine init`, say)
// adding connections at once both land.
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sleepSync } from '../util/sleep-sync.js';

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

/** How long a change waits for another process's change before giving up. */
const LOCK_WAIT_MS = 10_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<file>.lock` (created exclusively, holding our PID); a lock whose holder died is
 * taken over. Returns the release function.
 */
function lockConnections(file: string): () => void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const lock = `${file}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new ConnectionError(`locking ${file}: ${(error as Error).message}`);
    }
    let holder: number;
    try {
      holder = Number.parseInt(readFileSync(lock, 'utf8'), 10);
    } catch {
      continue; // released meanwhile: try again at once
    }
    // A holder that died (or had not written its PID yet, for a moment) is checked again below.
    if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) {
      rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new ConnectionError(
        `${file} is locked by another process (${lock}, PID ${Number.isNaN(holder) ? 'unknown' : holder}): try again, or remove the lock file if no berth command is running`,
      );
    sleepSync(5);
  }
}

/**
 * Reads, changes and writes the connections under the lock: `change` edits the data in place
 * (or throws, leaving the file as it was).
 */
export function updateConnections(change: (data: ConnectionsFile) => void, file = connectionsPath()): void {
  const release = lockConnections(file);
  try {
    const data = readConnections(file);
    change(data);
    writeConnections(data, file);
  } finally {
    release();
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
  source: string | ConnectionsFile = connectionsPath(),
): StoredConnection & { Name: string } {
  const data = typeof source === 'string' ? readConnections(source) : source;
  const found = data.Connection.Connections[name];
  if (!found) {
    const known = Object.keys(data.Connection.Connections);
    throw new ConnectionError(
      `connection "${name}" not found: ${known.length > 0 ? `known connections: ${known.join(', ')}` : 'add one with berth system connection add'}`,
    );
  }
  return { Name: name, ...found };
}
