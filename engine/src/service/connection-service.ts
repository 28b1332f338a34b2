// The connections domain as the desktop host serves it: the engines the app can use (the local
// one and every stored connection), which one it uses (the engine switch), switching at run time
// (remembered in desktop.json), and the edits `berth system connection` makes. Served next to
// the machines, never by an Engine.
import { ConnectionError, connectionsPath, readConnections } from '../client/connection-store.js';
import { addConnection, removeConnection, setDefaultConnection } from '../client/connection-edits.js';
import { ConnectionUriError, parseConnectionUri } from '../client/connection-uri.js';
import { writeDesktopSettings } from '../client/desktop-settings.js';
import { unixSocketAnswers } from '../client/socket-probe.js';
import { AsyncQueue } from '../contract/async-queue.js';
import type { EngineChoice, EngineConnectionState, EngineTarget } from '../contract/connection-types.js';
import type { ConnectionManager } from '../contract/engine-contract.js';
import { EngineError } from './engine-error.js';
import type { EngineSwitch } from './engine-switch.js';

export interface ConnectionServiceOptions {
  /** Where connections are stored (the CLI's file by default). */
  connectionsFile?: string;
  /** Where the app remembers its choice. */
  settingsFile: string;
}

/** Bad input from the user (a name taken, a destination malformed): says what to fix. */
function asInputError(error: unknown): never {
  if (error instanceof ConnectionError || error instanceof ConnectionUriError) {
    const missing = /not found/.test(error.message);
    throw new EngineError(error.message, missing ? 'not-found' : 'invalid-input', { cause: error });
  }
  throw error;
}

async function reachable(uri: string): Promise<boolean | undefined> {
  try {
    const parsed = parseConnectionUri(uri);
    return parsed.kind === 'unix' ? await unixSocketAnswers(parsed.path) : undefined;
  } catch {
    return false; // a URI nothing could reach
  }
}

export function createConnectionService(
  connection: EngineSwitch,
  options: ConnectionServiceOptions,
): ConnectionManager {
  const file = options.connectionsFile ?? connectionsPath();
  const inUse = (target: EngineTarget) => {
    const now = connection.target;
    if (connection.state !== 'connected') return false;
    if (target.kind === 'local') return now.kind === 'local';
    return target.kind === 'connection' && now.kind === 'connection' && now.name === target.name;
  };

  return {
    'connections.list': async () => {
      const data = readConnections(file);
      const stored = Object.entries(data.Connection.Connections).sort(([a], [b]) => (a < b ? -1 : 1));
      const probes = await Promise.all(stored.map(([, c]) => reachable(c.URI)));
      const choices: EngineChoice[] = [
        {
          kind: 'local',
          name: 'local',
          isDefault: false,
          inUse: inUse({ kind: 'local' }),
          reachable: true,
        },
        ...stored.map(([name, c], index) => ({
          kind: 'connection' as const,
          name,
          uri: c.URI,
          ...(c.Identity ? { identity: c.Identity } : {}),
          isDefault: data.Connection.Default === name,
          inUse: inUse({ kind: 'connection', name }),
          ...(probes[index] === undefined ? {} : { reachable: probes[index] }),
        })),
      ];
      return {
        choices,
        current: connection.snapshot(),
        connectionsFile: file,
        settingsFile: options.settingsFile,
      };
    },
    'connections.use': async (input) => {
      const target: EngineTarget =
        input.name !== undefined ? { kind: 'connection', name: input.name } : { kind: 'local' };
      if (target.kind === 'connection') {
        // Checked here so that the error names what exists, before anything is opened.
        if (!readConnections(file).Connection.Connections[target.name])
          asInputError(
            new ConnectionError(
              `connection "${target.name}" not found: add it first (Settings, or berth system connection add)`,
            ),
          );
      }
      await connection.use(target);
      // Remembered only once it works: a failed choice must not be what the next start tries.
      writeDesktopSettings(options.settingsFile, { engine: target });
      return connection.snapshot();
    },
    'connections.add': async (input) => {
      try {
        const added = addConnection(
          {
            name: input.name,
            destination: input.destination,
            identity: input.identity,
            makeDefault: input.makeDefault,
          },
          file,
        );
        return {
          kind: 'connection',
          name: added.name,
          uri: added.uri,
          ...(added.identity ? { identity: added.identity } : {}),
          isDefault: added.isDefault,
          inUse: false,
          ...(await reachable(added.uri).then((r) => (r === undefined ? {} : { reachable: r }))),
        };
      } catch (error) {
        return asInputError(error);
      }
    },
    'connections.remove': async ({ name }) => {
      if (inUse({ kind: 'connection', name }))
        throw new EngineError(
          `connection "${name}" is the engine Berth Desktop uses: switch to another engine first, then remove it`,
          'conflict',
        );
      try {
        removeConnection(name, file);
      } catch (error) {
        asInputError(error);
      }
      return { name };
    },
    'connections.setDefault': async ({ name }) => {
      try {
        setDefaultConnection(name, file);
      } catch (error) {
        asInputError(error);
      }
      return { name };
    },
    'connections.watch': (_input, { signal }) => {
      let stop = () => {};
      const queue = new AsyncQueue<EngineConnectionState>({ onReturn: () => stop() });
      queue.push(connection.snapshot());
      stop = connection.onChange(() => queue.push(connection.snapshot()));
      const end = () => {
        stop();
        queue.end();
      };
      if (signal.aborted) end();
      else signal.addEventListener('abort', end, { once: true });
      return queue;
    },
  };
}
