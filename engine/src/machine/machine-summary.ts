// A machine as the desktop app lists it: its record, what really runs, and the named connection
// that reaches its engine (the one `init` registered, while it still points at this machine).
import { readConnections } from '../client/connection-store.js';
import type { MachineSummary } from '../contract/machine-types.js';
import { machineConnectionUri } from './machine-connection.js';
import type { MachineView } from './machine-service.js';

/** The connections file, read once for a whole list. */
export type ConnectionsSnapshot = ReturnType<typeof readConnections>;

export function machineSummary(
  view: MachineView,
  connections: ConnectionsSnapshot = readConnections(),
): MachineSummary {
  const { config, paths } = view.record;
  const uri = machineConnectionUri(view.record);
  const { Default, Connections } = connections.Connection;
  // Its own name first (what init registers), else any connection the user pointed at its socket.
  const connection =
    Connections[config.name]?.URI === uri
      ? config.name
      : Object.keys(Connections).find((name) => Connections[name]?.URI === uri);
  return {
    name: config.name,
    vmType: config.vmType,
    status: view.status,
    cpus: config.cpus,
    memoryMiB: config.memoryMiB,
    diskGiB: config.diskGiB,
    created: config.created,
    ...(config.lastUp ? { lastUp: config.lastUp } : {}),
    ...(connection ? { connection } : {}),
    default: connection !== undefined && connection === Default,
    apiSocket: paths.apiSocket,
    ...(view.sshPort !== undefined && view.status !== 'stopped' ? { sshPort: view.sshPort } : {}),
    image: config.image.source,
    volumes: config.mounts.map((mount) => ({ source: mount.source, target: mount.target })),
    consoleLog: paths.consoleLog,
  };
}
