// Published ports with real netavark port forwarding (iptables DNAT) to the httpd fixture: a
// request from the host to 127.0.0.1 reaches the container; `port` and inspect show the host
// ports actually used (random ones resolved); conflicts fail before anything is made; stop and
// rm -f take the namespace and the rules away.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { HTTPD_PAGE } from '../fixtures/images/fixture-images.js';
import { containerStore, eventually, type ContainerStore } from './helpers/container-store.js';

let store: ContainerStore;
let httpd: string;

/** A port nothing listens on right now (the kernel's choice), so parallel runs do not collide. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function natRulesMentioning(text: string): string[] {
  return execFileSync('iptables', ['-t', 'nat', '-S'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(text));
}

function netnsFiles(): string[] {
  const dir = path.join(store.runroot, 'netns');
  return existsSync(dir) ? readdirSync(dir) : [];
}

function networkRows(table: 'network_leases' | 'network_sandboxes', containerId: string): unknown[] {
  const db = new Database(path.join(store.root, 'berth.db'), { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table} WHERE container_id = ?`).all(containerId);
  } finally {
    db.close();
  }
}

/** GETs the page from the host; the first request may race the server's start inside. */
async function fetchPage(port: number, host = '127.0.0.1'): Promise<string> {
  return eventually(async () => {
    try {
      const response = await fetch(`http://${host}:${port}/`, { signal: AbortSignal.timeout(2000) });
      return await response.text();
    } catch {
      return undefined;
    }
  }, 10_000);
}

beforeAll(async () => {
  store = await containerStore();
  httpd = `${inject('registryHost')}/library/httpd`;
  await store.ok(['pull', '-q', httpd]);
});

afterAll(async () => {
  await store?.dispose();
});

describe('published ports', () => {
  it('forwards a published port on 127.0.0.1 to the container and reports it', async () => {
    const port = await freePort();
    const id = await store.ok(['run', '-d', '--name', 'web', '-p', `${port}:80`, httpd]);
    expect(await fetchPage(port)).toBe(HTTPD_PAGE);
    expect(await store.ok(['port', 'web'])).toBe(`80/tcp -> 0.0.0.0:${port}`);
    expect(await store.ok(['port', 'web', '80'])).toBe(`0.0.0.0:${port}`);
    const ports = JSON.parse(
      await store.ok(['inspect', '--format', '{{json .NetworkSettings.Ports}}', 'web']),
    );
    expect(ports).toEqual({ '80/tcp': [{ HostIp: '', HostPort: String(port) }] });
    const bindings = JSON.parse(
      await store.ok(['inspect', '--format', '{{json .HostConfig.PortBindings}}', 'web']),
    );
    expect(bindings).toEqual({ '80/tcp': [{ HostIp: '', HostPort: String(port) }] });
    expect(natRulesMentioning(id).length).toBeGreaterThan(0);
    expect(netnsFiles()).toEqual([`netns-${id}`]);

    // Stopped: no namespace, no rule, no address held; started again: forwarded again.
    await store.ok(['stop', '-t', '0', 'web']);
    expect(netnsFiles()).toEqual([]);
    expect(natRulesMentioning(id)).toEqual([]);
    expect(networkRows('network_leases', id)).toEqual([]);
    expect(await store.ok(['port', 'web'])).toBe('');
    await store.ok(['start', 'web']);
    expect(await fetchPage(port)).toBe(HTTPD_PAGE);

    // rm -f: the namespace and the DNAT rules go with the container.
    await store.ok(['rm', '-f', 'web']);
    expect(netnsFiles()).toEqual([]);
    expect(natRulesMentioning(id)).toEqual([]);
    expect(networkRows('network_sandboxes', id)).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) })).rejects.toThrow();
  });

  it('publishes EXPOSEd ports on random host ports with -P, and random ports for -p CONTAINERPORT', async () => {
    await store.ok(['run', '-d', '--name', 'all', '-P', httpd]);
    const line = await store.ok(['port', 'all']);
    const match = /^80\/tcp -> 0\.0\.0\.0:(\d+)$/.exec(line);
    expect(match).not.toBeNull();
    expect(await fetchPage(Number(match![1]))).toBe(HTTPD_PAGE);
    expect(await store.ok(['inspect', '--format', '{{.HostConfig.PublishAllPorts}}', 'all'])).toBe('true');

    await store.ok(['run', '-d', '--name', 'one', '-p', '127.0.0.1::80', httpd]);
    const bound = await store.ok(['port', 'one', '80/tcp']);
    const loopbackPort = Number(/^127\.0\.0\.1:(\d+)$/.exec(bound)?.[1]);
    expect(loopbackPort).toBeGreaterThan(0);
    expect(await fetchPage(loopbackPort)).toBe(HTTPD_PAGE);
    await store.ok(['rm', '-f', 'all', 'one']);
  });

  it('maps port ranges one to one', async () => {
    const first = await freePort();
    await store.ok([
      'create',
      '--name',
      'range',
      '-p',
      `${first}-${first + 1}:8000-8001/udp`,
      store.busybox,
      'sleep',
      '60',
    ]);
    await store.ok(['start', 'range']);
    expect((await store.ok(['port', 'range'])).split('\n')).toEqual([
      `8000/udp -> 0.0.0.0:${first}`,
      `8001/udp -> 0.0.0.0:${first + 1}`,
    ]);
    await store.ok(['rm', '-f', 'range']);
  });

  it('refuses a host port another container publishes, leaving nothing half-made', async () => {
    const port = await freePort();
    await store.ok(['run', '-d', '--name', 'owner', '-p', `${port}:80`, httpd]);
    const second = await store.run(['run', '-d', '--name', 'intruder', '-p', `${port}:80`, httpd]);
    expect(second.code).toBe(125);
    expect(second.stderr).toBe(
      `Error: cannot listen on the TCP port: host port ${port} is already published by container owner: stop that container or publish another host port\n`,
    );
    const intruderId = await store.ok(['inspect', '--format', '{{.Id}}', 'intruder']);
    expect(await store.ok(['inspect', '--format', '{{.State.Status}} {{.State.Pid}}', 'intruder'])).toBe(
      'created 0',
    );
    expect(netnsFiles().some((f) => f.includes(intruderId))).toBe(false);
    expect(natRulesMentioning(intruderId)).toEqual([]);
    expect(networkRows('network_leases', intruderId)).toEqual([]);
    expect(networkRows('network_sandboxes', intruderId)).toEqual([]);
    expect(store.conmons().length).toBe(1);
    // The owner still answers.
    expect(await fetchPage(port)).toBe(HTTPD_PAGE);
    // Once the owner is gone the same container starts on that port.
    await store.ok(['rm', '-f', 'owner']);
    await store.ok(['start', 'intruder']);
    expect(await fetchPage(port)).toBe(HTTPD_PAGE);
    await store.ok(['rm', '-f', 'intruder']);
  });

  it('refuses a host port a host process listens on', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await store.run(['run', '--rm', '-p', `${port}:80`, store.busybox, 'true']);
      expect(r.code).toBe(125);
      expect(r.stderr).toBe(
        `Error: cannot listen on the TCP port: listen tcp4 0.0.0.0:${port}: bind: address already in use: stop what uses the port or publish another host port\n`,
      );
      expect(netnsFiles()).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // --rm still removes the container that could not start.
    await store.ok(['rm', '-a', '-f']);
  });

  it('refuses the same host port twice in one container and bad specs at create', async () => {
    const port = await freePort();
    const twice = await store.run([
      'run',
      '--rm',
      '-p',
      `${port}:80`,
      '-p',
      `${port}:81`,
      store.busybox,
      'true',
    ]);
    expect(twice.code).toBe(125);
    expect(twice.stderr).toMatch(/is published twice/);
    const bad = await store.run(['create', '-p', '80/xyz', store.busybox, 'true']);
    expect(bad.code).toBe(125);
    expect(bad.stderr).toMatch(/^Error: invalid protocol "xyz"/);
    await store.ok(['rm', '-a', '-f']);
  });
});
