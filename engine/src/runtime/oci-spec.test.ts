import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CAPABILITIES, capabilitySet, normalizeCapability, ociCapabilities } from './capabilities.js';
import { hostsContent, resolvConfContent } from './etc-files.js';
import { clampRlimits, parseProcLimits, parseUlimitFlag } from './host-limits.js';
import { generateOciSpec } from './oci-spec.js';
import { defaultSeccompProfile } from './seccomp-profile.js';

let rootfs: string;
beforeAll(() => {
  rootfs = mkdtempSync(path.join(os.tmpdir(), 'berth-spec-'));
  mkdirSync(path.join(rootfs, 'etc'));
  writeFileSync(
    path.join(rootfs, 'etc/passwd'),
    'root:x:0:0:root:/root:/bin/sh\ntester:x:1000:1000::/home/tester:/bin/sh\n',
  );
  writeFileSync(path.join(rootfs, 'etc/group'), 'root:x:0:\ntester:x:1000:\n');
});
afterAll(() => rmSync(rootfs, { recursive: true, force: true }));

describe('generateOciSpec', () => {
  it('writes podman-like defaults', () => {
    const spec = generateOciSpec({ id: 'abcdef0123456789', rootfs, args: ['sh'] });
    expect(spec.process.user).toEqual({ uid: 0, gid: 0, umask: 0o022 });
    expect(spec.process.env).toEqual([
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'TERM=xterm',
      'HOME=/root',
      'HOSTNAME=abcdef012345',
    ]);
    expect(spec.hostname).toBe('abcdef012345');
    expect(spec.mounts.map((m) => m.destination)).toEqual([
      '/proc',
      '/dev',
      '/sys',
      '/dev/pts',
      '/dev/mqueue',
      '/dev/shm',
      '/sys/fs/cgroup',
    ]);
    expect(spec.mounts.find((m) => m.destination === '/sys')!.options).toContain('ro');
    expect(spec.linux.namespaces.map((n) => n.type)).toEqual(['pid', 'network', 'ipc', 'uts', 'mount']);
    expect(spec.linux.maskedPaths).toContain('/proc/kcore');
    expect(spec.linux.readonlyPaths).toContain('/proc/sysrq-trigger');
    expect(spec.linux.resources!.pids).toEqual({ limit: 2048 });
    expect(spec.linux.seccomp!.defaultAction).toBe('SCMP_ACT_ALLOW');
    expect(spec.process.capabilities!.bounding).toEqual(
      DEFAULT_CAPABILITIES.slice().sort((a, b) => capIndex(a) - capIndex(b)),
    );
    expect(spec.annotations!['org.opencontainers.image.stopSignal']).toBe('15');
  });

  it('resolves the user in the rootfs and gives a non-root user no effective capabilities', () => {
    const spec = generateOciSpec({ id: 'x', rootfs, args: ['id'], user: 'tester' });
    expect(spec.process.user).toMatchObject({ uid: 1000, gid: 1000 });
    expect(spec.process.env).toContain('HOME=/home/tester');
    expect(spec.process.capabilities!.effective).toEqual([]);
    expect(spec.process.capabilities!.bounding.length).toBeGreaterThan(0);
  });

  it('applies limits, mounts, namespaces and read-only root', () => {
    const spec = generateOciSpec({
      id: 'x',
      rootfs,
      args: ['sh'],
      env: ['TERM=dumb', 'HOME=/x'],
      workdir: '/work',
      terminal: true,
      readonlyRootfs: true,
      tmpfs: [{ destination: '/scratch', options: ['size=1m'] }],
      binds: [{ source: '/srv/data', destination: '/data', readonly: true }],
      memoryBytes: 64 * 1024 * 1024,
      cpus: 0.5,
      pidsLimit: 0,
      namespaces: { network: { mode: 'host' }, ipc: { mode: 'path', path: '/proc/1/ns/ipc' } },
      etcFiles: { hosts: '/run/h', resolvConf: '/run/r', hostname: '/run/n' },
      stopSignal: 'SIGINT',
      annotations: { a: 'b' },
    });
    expect(spec.process.env).toContain('TERM=dumb');
    expect(spec.process.env).toContain('HOME=/x');
    expect(spec.process.cwd).toBe('/work');
    expect(spec.process.terminal).toBe(true);
    expect(spec.root.readonly).toBe(true);
    expect(spec.linux.resources).toMatchObject({
      memory: { limit: 67108864 },
      cpu: { quota: 50000, period: 100000 },
    });
    expect(spec.linux.resources!.pids).toBeUndefined();
    expect(spec.linux.namespaces).toEqual([
      { type: 'pid' },
      { type: 'ipc', path: '/proc/1/ns/ipc' },
      { type: 'uts' },
      { type: 'mount' },
    ]);
    expect(spec.linux.sysctl).toBeUndefined();
    const byDest = new Map(spec.mounts.map((m) => [m.destination, m]));
    expect(byDest.get('/data')).toEqual({
      destination: '/data',
      type: 'bind',
      source: '/srv/data',
      options: ['rbind', 'rprivate', 'ro'],
    });
    expect(byDest.get('/scratch')!.options).toEqual(['size=1m']);
    expect(byDest.get('/etc/resolv.conf')!.source).toBe('/run/r');
    expect(byDest.has('/tmp')).toBe(true);
    expect(spec.annotations).toMatchObject({ a: 'b', 'org.opencontainers.image.stopSignal': 'SIGINT' });
  });

  it('lets a user mount replace a default one', () => {
    const spec = generateOciSpec({ id: 'x', rootfs, args: ['sh'], tmpfs: [{ destination: '/dev/shm/' }] });
    const shm = spec.mounts.filter((m) => m.destination.startsWith('/dev/shm'));
    expect(shm).toHaveLength(1);
    expect(shm[0]!.options).toContain('tmpcopyup');
  });

  it('privileged: all capabilities, no seccomp, no masked paths, writable sysfs, host devices', () => {
    const spec = generateOciSpec({ id: 'x', rootfs, args: ['sh'], privileged: true });
    expect(spec.process.capabilities!.bounding).toContain('CAP_SYS_ADMIN');
    expect(spec.linux.seccomp).toBeUndefined();
    expect(spec.linux.maskedPaths).toBeUndefined();
    expect(spec.mounts.find((m) => m.destination === '/sys')!.options).not.toContain('ro');
    expect(spec.linux.devices!.some((d) => d.path === '/dev/null' && d.major === 1 && d.minor === 3)).toBe(
      true,
    );
  });

  it('refuses an empty command', () => {
    expect(() => generateOciSpec({ id: 'x', rootfs, args: [] })).toThrow(/command is empty/);
  });
});

function capIndex(name: string): number {
  return [
    'CAP_CHOWN',
    'CAP_DAC_OVERRIDE',
    'CAP_FOWNER',
    'CAP_FSETID',
    'CAP_KILL',
    'CAP_SETGID',
    'CAP_SETUID',
    'CAP_SETPCAP',
    'CAP_NET_BIND_SERVICE',
    'CAP_SYS_CHROOT',
    'CAP_SETFCAP',
  ].indexOf(name);
}

describe('capabilities', () => {
  it('normalizes names and rejects unknown ones', () => {
    expect(normalizeCapability('net_admin')).toBe('CAP_NET_ADMIN');
    expect(normalizeCapability('CAP_KILL')).toBe('CAP_KILL');
    expect(() => normalizeCapability('FLY')).toThrow(/unknown capability "FLY"/);
  });
  it('adds and drops over the default set', () => {
    const caps = capabilitySet({ capAdd: ['NET_ADMIN'], capDrop: ['chown'] });
    expect(caps).toContain('CAP_NET_ADMIN');
    expect(caps).not.toContain('CAP_CHOWN');
    expect(caps).toContain('CAP_KILL');
  });
  it('drop ALL then add', () => {
    expect(capabilitySet({ capDrop: ['ALL'], capAdd: ['kill'] })).toEqual(['CAP_KILL']);
  });
  it('add ALL then drop', () => {
    const caps = capabilitySet({ capAdd: ['ALL'], capDrop: ['SYS_ADMIN'] });
    expect(caps).toContain('CAP_SYS_MODULE');
    expect(caps).not.toContain('CAP_SYS_ADMIN');
  });
  it('gives a non-root user only what it was explicitly given', () => {
    expect(ociCapabilities({ uid: 1000, capAdd: ['NET_ADMIN'] }).effective).toEqual(['CAP_NET_ADMIN']);
  });
});

describe('seccomp profile', () => {
  it('denies mount unless SYS_ADMIN is granted', () => {
    const denied = (caps: string[]) => defaultSeccompProfile(caps).syscalls!.flatMap((r) => r.names);
    expect(denied([])).toContain('mount');
    expect(denied([])).toContain('kexec_load');
    expect(denied(['CAP_SYS_ADMIN'])).not.toContain('mount');
    expect(denied(['CAP_SYS_ADMIN'])).toContain('kexec_load');
  });
});

describe('rlimits', () => {
  const limits = parseProcLimits(
    [
      'Limit                     Soft Limit           Hard Limit           Units     ',
      'Max cpu time              unlimited            unlimited            seconds   ',
      'Max processes             96365                96365                processes ',
      'Max open files            1024                 20000                files     ',
    ].join('\n'),
  );
  it('parses /proc/self/limits', () => {
    expect(limits.get('RLIMIT_NOFILE')).toEqual({ soft: 1024, hard: 20000 });
    expect(limits.get('RLIMIT_CPU')!.hard).toBe(Infinity);
  });
  it('clamps to the host hard limits; later entries win', () => {
    expect(
      clampRlimits(
        [
          { type: 'RLIMIT_NOFILE', soft: 1048576, hard: 1048576 },
          { type: 'RLIMIT_NPROC', soft: 32768, hard: 32768 },
          { type: 'RLIMIT_NPROC', soft: 100, hard: 200 },
        ],
        limits,
      ),
    ).toEqual([
      { type: 'RLIMIT_NOFILE', soft: 20000, hard: 20000 },
      { type: 'RLIMIT_NPROC', soft: 100, hard: 200 },
    ]);
  });
  it('parses --ulimit', () => {
    expect(parseUlimitFlag('nofile=1024:2048')).toEqual({ type: 'RLIMIT_NOFILE', soft: 1024, hard: 2048 });
    expect(parseUlimitFlag('nproc=50')).toEqual({ type: 'RLIMIT_NPROC', soft: 50, hard: 50 });
    expect(() => parseUlimitFlag('nofile=3:2')).toThrow(/soft limit is above/);
    expect(() => parseUlimitFlag('bogus=1')).toThrow(/unknown limit/);
  });
});

describe('etc files', () => {
  it('maps the hostname and extra hosts', () => {
    const text = hostsContent({
      runDir: '/x',
      hostname: 'web',
      extraHosts: [{ name: 'db', address: '10.0.0.2' }],
    });
    expect(text).toContain('127.0.0.1\tlocalhost');
    expect(text).toContain('10.0.0.2\tdb');
    expect(text).toContain('127.0.1.1\tweb');
  });
  it('drops loopback resolvers unless on the host network', () => {
    const host = 'search lan\nnameserver 127.0.0.53\noptions edns0\n';
    expect(resolvConfContent({ runDir: '/x', hostname: 'h', hostResolvConf: host })).toBe(
      'search lan\nnameserver 8.8.8.8\nnameserver 8.8.4.4\noptions edns0\n',
    );
    expect(
      resolvConfContent({ runDir: '/x', hostname: 'h', hostResolvConf: host, hostNetwork: true }),
    ).toContain('nameserver 127.0.0.53');
    expect(
      resolvConfContent({ runDir: '/x', hostname: 'h', hostResolvConf: host, dnsServers: ['1.1.1.1'] }),
    ).toContain('nameserver 1.1.1.1\n');
  });
});

describe('serializeOciJson', () => {
  it('writes an unlimited rlimit as the exact RLIM_INFINITY', async () => {
    const { serializeOciJson } = await import('./oci-json.js');
    expect(serializeOciJson({ rlimits: [{ type: 'RLIMIT_CORE', soft: 0, hard: Infinity }] })).toBe(
      '{"rlimits":[{"type":"RLIMIT_CORE","soft":0,"hard":18446744073709551615}]}',
    );
  });
});
