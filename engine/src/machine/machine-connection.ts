// A machine is also a named connection (as podman's `machine init` adds one): `berth
// --connection NAME ...`, the desktop app and `system connection ls` then reach the engine in
// the VM through the socket `machine start` forwards. The connection points at that socket
// whether or not the machine runs; a stopped machine answers with the usual "unable to connect"
// error. It becomes the default only when there is none, and goes with the machine.
import { updateConnections } from '../client/connection-store.js';
import type { MachineRecord } from './machine-store.js';

export function machineConnectionUri(record: MachineRecord): string {
  return `unix://${record.paths.apiSocket}`;
}

export function registerMachineConnection(record: MachineRecord): void {
  updateConnections((data) => {
    const { Connections } = data.Connection;
    Connections[record.config.name] = { URI: machineConnectionUri(record) };
    if (data.Connection.Default === '' || !(data.Connection.Default in Connections))
      data.Connection.Default = record.config.name;
  });
}

/** Removes the machine's connection, unless the user has since pointed that name elsewhere. */
export function unregisterMachineConnection(record: MachineRecord): void {
  updateConnections((data) => {
    const { Connections } = data.Connection;
    if (Connections[record.config.name]?.URI !== machineConnectionUri(record)) return;
    delete Connections[record.config.name];
    if (data.Connection.Default === record.config.name)
      data.Connection.Default = Object.keys(Connections)[0] ?? '';
  });
}
