// What the desktop app serves its renderer: the Engine it uses (local, or a remote connection)
// and, next to it, what belongs to the host whatever that engine is: its machine manager and
// its choice of engine (connections). A name routes by its domain. A proxy, not a copy: the
// engine is itself a stand-in whose target changes (engine-switch.ts).
import type {
  ConnectionManager,
  DesktopService,
  Engine,
  MachineManager,
} from '../contract/engine-contract.js';

export interface HostServices {
  machines: MachineManager;
  connections: ConnectionManager;
}

export function desktopService(engine: Engine, host: HostServices): DesktopService {
  const ownerOf = (name: string): unknown => {
    if (name.startsWith('machines.')) return host.machines;
    if (name.startsWith('connections.')) return host.connections;
    return engine;
  };
  return new Proxy({} as DesktopService, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      const owner = ownerOf(name) as Record<string, unknown>;
      const member = owner[name];
      return typeof member === 'function' ? member.bind(owner) : member;
    },
  });
}
