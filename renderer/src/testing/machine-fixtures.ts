// Machines as the machine manager reports them, for component tests.
import type { MachineSummary } from '../../../engine/src/contract/machine-types.js';

export function machineFixture(name: string, change: Partial<MachineSummary> = {}): MachineSummary {
  return {
    name,
    vmType: 'qemu',
    status: 'stopped',
    cpus: 2,
    memoryMiB: 2048,
    diskGiB: 20,
    created: '2024-05-01T10:00:00Z',
    connection: name,
    default: false,
    apiSocket: `/run/berth/machine/${name}/api.sock`,
    image: '/root/.cache/berth/machine-image/latest',
    volumes: [],
    consoleLog: `/var/lib/berth/machine/machines/${name}/console.log`,
    ...change,
  };
}
