import { describe, expect, it } from 'vitest';
import { machinePaths } from './machine-paths.js';
import type { MachineView } from './machine-service.js';
import { machineSummary, type ConnectionsSnapshot } from './machine-summary.js';

const paths = machinePaths(
  { graphRoot: '/var/lib/berth', runRoot: '/run/berth' } as Parameters<typeof machinePaths>[0],
  'dev',
);
const view: MachineView = {
  status: 'running',
  sshPort: 40022,
  record: {
    paths,
    config: {
      name: 'dev',
      vmType: 'qemu',
      created: '2024-05-01T10:00:00Z',
      lastUp: '2024-05-02T10:00:00Z',
      cpus: 4,
      memoryMiB: 4096,
      diskGiB: 40,
      rootful: true,
      image: {
        dir: '/var/lib/berth/machine/images/abc',
        kernel: 'vmlinuz',
        initrd: 'initrd.img',
        disk: 'root.qcow2',
        kernelCommandLine: 'console=ttyS0',
        source: 'https://example.com/berth.tar.zst',
      },
      mounts: [{ source: '/home/me', target: '/mnt/me', tag: 'vol0' }],
      remoteUsername: 'root',
    },
  },
};

function connections(defaultName: string, entries: Record<string, string>): ConnectionsSnapshot {
  return {
    Connection: {
      Default: defaultName,
      Connections: Object.fromEntries(Object.entries(entries).map(([name, URI]) => [name, { URI }])),
    },
  };
}

describe('machineSummary', () => {
  const socket = `unix://${paths.apiSocket}`;

  it('reports the machine with the connection init registered, and whether it is the default', () => {
    expect(machineSummary(view, connections('dev', { dev: socket, other: 'unix:///x.sock' }))).toEqual({
      name: 'dev',
      vmType: 'qemu',
      status: 'running',
      cpus: 4,
      memoryMiB: 4096,
      diskGiB: 40,
      created: '2024-05-01T10:00:00Z',
      lastUp: '2024-05-02T10:00:00Z',
      connection: 'dev',
      default: true,
      apiSocket: '/run/berth/machine/dev/api.sock',
      sshPort: 40022,
      image: 'https://example.com/berth.tar.zst',
      volumes: [{ source: '/home/me', target: '/mnt/me' }],
      consoleLog: '/var/lib/berth/machine/machines/dev/console.log',
    });
  });

  it('finds a connection of another name on its socket, and none once the name points elsewhere', () => {
    expect(
      machineSummary(view, connections('other', { mine: socket, other: 'unix:///x.sock' })),
    ).toMatchObject({
      connection: 'mine',
      default: false,
    });
    const summary = machineSummary(view, connections('dev', { dev: 'ssh://core@host/run/berth.sock' }));
    expect(summary.connection).toBeUndefined();
    expect(summary.default).toBe(false);
  });

  it('has no SSH port once stopped', () => {
    expect(machineSummary({ ...view, status: 'stopped' }, connections('', {})).sshPort).toBeUndefined();
  });
});
