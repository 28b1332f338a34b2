// Everything the desktop app serves, assembled once for Electron main and web mode alike: the
// engine switch (which engine calls go to), the host's machines, and the connections domain.
// The engine it starts with: a --connection/--url flag (or CONTAINER_CONNECTION/CONTAINER_HOST)
// if given, else the one last chosen in the app (desktop.json), else the local engine.
import { type ConnectionChoice } from '../client/connect.js';
import { connectionsPath } from '../client/connection-store.js';
import { openEngineTarget, startupTarget, targetLabel } from '../client/desktop-engine.js';
import { desktopSettingsPath, readDesktopSettings } from '../client/desktop-settings.js';
import type { EngineTarget } from '../contract/connection-types.js';
import type { DesktopService } from '../contract/engine-contract.js';
import type { LocalEngineOptions } from '../engine/local-engine.js';
import { createMachineManager } from '../machine/machine-manager.js';
import { createConnectionService } from './connection-service.js';
import { desktopService } from './desktop-service.js';
import { createEngineSwitch, type EngineSwitch, type OpenedEngine } from './engine-switch.js';

/** How long a remote engine may take to answer before a switch to it is refused. */
const CHECK_TIMEOUT_MS = 10_000;

export interface DesktopBackendOptions {
  /** The start-up flags: --connection, --url, --identity. */
  choice: ConnectionChoice;
  local: LocalEngineOptions;
  env?: NodeJS.ProcessEnv;
}

export interface DesktopBackend {
  service: DesktopService;
  connection: EngineSwitch;
  /**
   * Connects to the start-up engine. A remembered choice that no longer works falls back to
   * the local engine (the note says so); a flag's failure is an error.
   */
  start(): Promise<{ notes: string[] }>;
  close(): Promise<void>;
}

/** A remote engine must answer before it is used: a socket file alone proves nothing. */
async function checkAnswers(opened: OpenedEngine): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer in ${CHECK_TIMEOUT_MS / 1000} s: is its API service running?`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([opened.engine['system.version']({}), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function openDesktopBackend(options: DesktopBackendOptions): DesktopBackend {
  const env = options.env ?? process.env;
  const notes: string[] = [];
  const settingsFile = desktopSettingsPath(env);
  // A flag naming an unknown connection fails start(), where Electron shows it in a dialog.
  let startup: ReturnType<typeof startupTarget>;
  let startupError: unknown;
  try {
    startup = startupTarget(options.choice, env);
  } catch (error) {
    startupError = error;
  }
  let initial: EngineTarget = { kind: 'local' };
  let remembered = false;
  if (startup) initial = startup.target;
  else if (startupError === undefined) {
    try {
      const saved = readDesktopSettings(settingsFile).engine;
      if (saved) [initial, remembered] = [saved, saved.kind !== 'local'];
    } catch (error) {
      notes.push(`${(error as Error).message}; using the local engine`);
    }
  }
  const open = async (target: EngineTarget): Promise<OpenedEngine> => {
    const opened = await openEngineTarget(target, options.local, startup?.remote, env);
    if (target.kind === 'local') return opened;
    try {
      await checkAnswers(opened);
    } catch (error) {
      await opened.close().catch(() => undefined);
      throw error;
    }
    return opened;
  };
  const connection = createEngineSwitch({ open, initial, label: targetLabel });
  const machines = createMachineManager({ root: options.local.root, runroot: options.local.runroot });
  const connections = createConnectionService(connection, {
    connectionsFile: connectionsPath(env),
    settingsFile,
  });
  return {
    service: desktopService(connection.engine, { machines, connections }),
    connection,
    async start() {
      if (startupError !== undefined) throw startupError;
      try {
        await connection.connect();
      } catch (error) {
        if (!remembered) throw error;
        notes.push(
          `the engine "${targetLabel(initial)}" chosen last time cannot be used (${(error as Error).message}); using the local engine`,
        );
        await connection.use({ kind: 'local' });
      }
      return { notes: [...notes] };
    },
    async close() {
      machines.close();
      await connection.disconnect();
    },
  };
}
