// The engine choices and states the desktop host reports (connections domain), for component tests.
import type {
  EngineChoice,
  EngineConnectionState,
  EngineConnectionsReport,
} from '../../../engine/src/contract/connection-types.js';

export function engineState(label: string, generation: number, change: Partial<EngineConnectionState> = {}) {
  const state: EngineConnectionState = {
    target: label === 'local' ? { kind: 'local' } : { kind: 'connection', name: label },
    label,
    status: 'connected',
    generation,
    ...change,
  };
  return state;
}

/** The local engine and the given connections; `using` names the one in use. */
export function connectionsReport(
  using: EngineConnectionState,
  connections: Array<Omit<EngineChoice, 'kind' | 'inUse'>>,
): EngineConnectionsReport {
  return {
    choices: [
      { kind: 'local', name: 'local', isDefault: false, inUse: using.label === 'local', reachable: true },
      ...connections.map((c) => ({ kind: 'connection' as const, inUse: using.label === c.name, ...c })),
    ],
    current: using,
    connectionsFile: '/root/.config/berth/connections.json',
    settingsFile: '/root/.config/berth/desktop.json',
  };
}
