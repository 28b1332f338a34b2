// Networks with real netavark, aardvark-dns, iptables, runc and conmon: definitions and their
// exit codes, name resolution between containers on a user network, parallel address allocation,
// `network rm` of a network in use, connect/disconnect of a running container, the other network
// modes, and the container's /etc files. Every container, netns, rule and aardvark-dns process is
// removed by dispose() (which fails the file if any is left).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { HTTPD_PAGE } from '../fixtures/images/fixture-images.js';
import { containerStore, type ContainerStore } from './helpers/container-store.js';

let store: ContainerStore;
let httpd: string;

function natRules(): string {
  return execFileSync('iptables', ['-t', 'nat', '-S'], { encoding: 'utf8' });
}

function netnsFiles(): string[] {
  const dir = path.join(store.runroot, 'netns');
  return existsSync(dir) ? readdirSync(dir) : [];
}

async function inspectField(container: string, template: string): Promise<string> {
  return store.ok(['inspect', '--format', template, container]);
}

beforeAll(async () => {
  store = await containerStore();
  httpd = `${inject('registryHost')}/library/httpd`;
  await store.ok(['pull', '-q', httpd]);
});

afterAll(async () => {
  await store?.dispose();
});

describe('network definitions', () => {
  it('creates, lists, inspects and removes networks with podman exit codes', async () => {
    expect(
      await store.ok(['network', 'create', '--subnet', '10.86.250.0/24', '--label', 'team=a', 'defs']),
    ).toBe('defs');
    const [network] = JSON.parse(await store.ok(['network', 'inspect', 'defs'])) as Array<
      Record<string, unknown>
    >;
    expect(network).toMatchObject({
      name: 'defs',
      driver: 'bridge',
      subnets: [{ subnet: '10.86.250.0/24', gateway: '10.86.250.1' }],
      internal: false,
      dns_enabled: true,
      labels: { team: 'a' },
      ipam_options: { driver: 'host-local' },
    });
    expect(network!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(String(network!.network_interface)).toMatch(/^berth\d+$/);
    const [builtIn] = JSON.parse(await store.ok(['network', 'inspect', 'bridge'])) as Array<
      Record<string, unknown>
    >;
    expect(builtIn).toMatchObject({ name: 'berth', network_interface: 'berth0', dns_enabled: false });

    const table = await store.ok(['network', 'ls']);
    expect(table.split('\n')[0]).toMatch(/^NETWORK ID\s+NAME\s+DRIVER$/);
    expect(table).toMatch(/\bberth\s+bridge/);
    expect(await store.ok(['network', 'ls', '-q', '--filter', 'label=team=a'])).toBe('defs');

    expect((await store.run(['network', 'exists', 'defs'])).code).toBe(0);
    expect((await store.run(['network', 'exists', 'nope'])).code).toBe(1);

    const duplicate = await store.run(['network', 'create', 'defs']);
    expect(duplicate.code).toBe(125);
    expect(duplicate.stderr).toBe('Error: network name defs already used: network already exists\n');
    const overlapping = await store.run(['network', 'create', '--subnet', '10.86.250.128/25', 'other']);
    expect(overlapping.code).toBe(125);
    expect(overlapping.stderr).toMatch(/^Error: subnet 10\.86\.250\.128\/25 is already used by network defs/);
    const badGateway = await store.run([
      'network',
      'create',
      '--subnet',
      '10.86.251.0/24',
      '--gateway',
      '10.9.9.9',
      'x',
    ]);
    expect(badGateway.code).toBe(125);

    const missing = await store.run(['network', 'rm', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('Error: unable to find network with name or ID nope: network not found\n');
    const builtInRm = await store.run(['network', 'rm', 'berth']);
    expect(builtInRm.code).toBe(125);
    expect(builtInRm.stderr).toBe('Error: default network berth cannot be removed\n');

    expect(await store.ok(['network', 'rm', 'defs'])).toBe('defs');
    const events = await store.ok([
      'events',
      '--stream=false',
      '--filter',
      'type=network',
      '--format',
      '{{.Status}} {{.Network}}',
    ]);
    expect(events.split('\n')).toEqual(['create defs', 'remove defs']);
  });

  it('prunes only the networks no container uses', async () => {
    await store.ok(['network', 'create', 'prune-used']);
    await store.ok(['network', 'create', 'prune-unused']);
    await store.ok(['create', '--name', 'prune-user', '--network', 'prune-used', store.busybox, 'true']);
    expect(await store.ok(['network', 'prune', '-f'])).toBe('prune-unused');
    expect((await store.run(['network', 'exists', 'prune-used'])).code).toBe(0);
    await store.ok(['rm', 'prune-user']);
    await store.ok(['network', 'rm', 'prune-used']);
  });

  it('refuses an unknown network at create and leaves no container behind', async () => {
    const r = await store.run(['create', '--name', 'lost', '--network', 'nope', store.busybox, 'true']);
    expect(r.code).toBe(125);
    expect(r.stderr).toBe('Error: unable to find network with name or ID nope: network not found\n');
    expect((await store.run(['container', 'exists', 'lost'])).code).toBe(1);
  });
});

describe('containers on networks', () => {
  it('lets two containers on a user network reach each other by name and alias (aardvark-dns)', async () => {
    await store.ok(['network', 'create', 'dnsnet']);
    await store.ok(['run', '-d', '--name', 'web', '--network', 'dnsnet', '--network-alias', 'www', httpd]);
    const lookup = await store.ok(['run', '--rm', '--network', 'dnsnet', store.busybox, 'nslookup', 'web']);
    const webIp = await inspectField('web', '{{.NetworkSettings.IPAddress}}');
    expect(webIp).toMatch(/^10\.8[67]\.\d+\.\d+$/);
    expect(lookup).toContain(webIp);
    expect(
      await store.ok(['run', '--rm', '--network', 'dnsnet', store.busybox, 'wget', '-qO-', 'http://web/']),
    ).toBe(HTTPD_PAGE.trim());
    expect(
      await store.ok([
        'run',
        '--rm',
        '--network',
        'dnsnet',
        store.busybox,
        'wget',
        '-qO-',
        'http://www.dns.podman/',
      ]),
    ).toBe(HTTPD_PAGE.trim());
    const resolv = await store.ok([
      'run',
      '--rm',
      '--network',
      'dnsnet',
      store.busybox,
      'cat',
      '/etc/resolv.conf',
    ]);
    const gateway = await inspectField('web', '{{.NetworkSettings.Gateway}}');
    expect(resolv).toContain(`nameserver ${gateway}`);
    expect(resolv).toContain('search dns.podman');
    expect(store.aardvarks().length).toBe(1);

    // In use: refused with podman's exit code 2, then -f removes the container with the network.
    const refused = await store.run(['network', 'rm', 'dnsnet']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^Error: "dnsnet" has associated containers with it\. Use -f .*: network is being used\n$/,
    );
    const webId = await inspectField('web', '{{.Id}}');
    expect(netnsFiles()).toContain(`netns-${webId}`);
    expect(await store.ok(['network', 'rm', '-f', 'dnsnet'])).toBe('dnsnet');
    expect((await store.run(['container', 'exists', 'web'])).code).toBe(1);
    expect(netnsFiles()).toEqual([]);
    expect(store.aardvarks()).toEqual([]);
  });

  it('gives containers started in parallel on one network distinct addresses', async () => {
    await store.ok(['network', 'create', '--subnet', '10.86.252.0/29', 'small']);
    // A /29 has 5 addresses for containers: five parallel starts take all of them.
    const names = ['p1', 'p2', 'p3', 'p4', 'p5'];
    await Promise.all(
      names.map((name) =>
        store.ok(['run', '-d', '--name', name, '--network', 'small', store.busybox, 'sleep', '60'], {
          timeoutMs: 60_000,
        }),
      ),
    );
    const ips = await Promise.all(names.map((name) => inspectField(name, '{{.NetworkSettings.IPAddress}}')));
    expect(new Set(ips).size).toBe(5);
    for (const ip of ips) expect(ip).toMatch(/^10\.86\.252\.[2-6]$/);
    // The sixth finds the network full: a clear error, nothing left half-made.
    const full = await store.run([
      'run',
      '-d',
      '--name',
      'p6',
      '--network',
      'small',
      store.busybox,
      'sleep',
      '60',
    ]);
    expect(full.code).toBe(125);
    expect(full.stderr).toMatch(/^Error: no free IP address left on network small: /);
    expect(await inspectField('p6', '{{.State.Status}}')).toBe('created');
    expect(netnsFiles().length).toBe(5);
    await store.ok(['rm', '-f', ...names, 'p6']);
    expect(netnsFiles()).toEqual([]);
    await store.ok(['network', 'rm', 'small']);
  });

  it('connects and disconnects a running container', async () => {
    await store.ok(['network', 'create', 'first']);
    await store.ok(['network', 'create', 'second']);
    await store.ok(['run', '-d', '--name', 'hop', '--network', 'first', store.busybox, 'sleep', '60']);
    await store.ok(['network', 'connect', '--alias', 'hopper', 'second', 'hop']);
    const addresses = await store.ok(['exec', 'hop', 'ip', '-4', '-o', 'addr']);
    const secondIp = await inspectField('hop', '{{(index .NetworkSettings.Networks "second").IPAddress}}');
    expect(secondIp).toMatch(/^10\.8[67]\./);
    expect(addresses).toContain(`eth1    inet ${secondIp}/24`);
    // Reachable by its alias from the second network.
    const lookup = await store.ok([
      'run',
      '--rm',
      '--network',
      'second',
      store.busybox,
      'nslookup',
      'hopper',
    ]);
    expect(lookup).toContain(secondIp);
    const again = await store.run(['network', 'connect', 'second', 'hop']);
    expect(again.code).toBe(125);
    expect(again.stderr).toMatch(/is already connected to network "second": network is already connected/);
    await store.ok(['network', 'disconnect', 'second', 'hop']);
    expect(await store.ok(['exec', 'hop', 'ip', '-4', '-o', 'addr'])).not.toContain('eth1');
    const events = await store.ok([
      'events',
      '--stream=false',
      '--filter',
      'event=connect',
      '--filter',
      'event=disconnect',
      '--format',
      '{{.Status}} {{.Network}}',
    ]);
    expect(events.split('\n')).toEqual(['connect second', 'disconnect second']);
    await store.ok(['rm', '-f', 'hop']);
    await store.ok(['network', 'rm', 'first', 'second']);
  });

  it('supports --network none, host, container:NAME and ns:PATH', async () => {
    const none = await store.ok(['run', '--rm', '--network', 'none', store.busybox, 'ip', '-o', 'link']);
    expect(none.split('\n').map((l) => l.split(':')[1]?.trim())).toEqual(['lo']);
    const hostLinks = execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' }).trim().split('\n').length;
    const host = await store.ok(['run', '--rm', '--network', 'host', store.busybox, 'ip', '-o', 'link']);
    expect(host.split('\n').length).toBe(hostLinks);

    await store.ok(['run', '-d', '--name', 'holder', store.busybox, 'sleep', '60']);
    const holderIp = await inspectField('holder', '{{.NetworkSettings.IPAddress}}');
    expect(holderIp).toMatch(/^10\.85\./);
    const joined = await store.ok([
      'run',
      '--rm',
      '--network',
      'container:holder',
      store.busybox,
      'ip',
      '-4',
      '-o',
      'addr',
    ]);
    expect(joined).toContain(holderIp);
    const holderId = await inspectField('holder', '{{.Id}}');
    const byPath = await store.ok([
      'run',
      '--rm',
      '--network',
      `ns:${path.join(store.runroot, 'netns', `netns-${holderId}`)}`,
      store.busybox,
      'ip',
      '-4',
      '-o',
      'addr',
    ]);
    expect(byPath).toContain(holderIp);
    await store.ok(['rm', '-f', 'holder']);
    const stopped = await store.run(['run', '--rm', '--network', 'container:nobody', store.busybox, 'true']);
    expect(stopped.code).toBe(125);
  });

  it('writes /etc/hosts and /etc/resolv.conf from the network and --dns, --dns-search, --add-host', async () => {
    const out = await store.ok([
      'run', '--rm', '--name', 'etc', '--hostname', 'box',
      '--dns', '192.0.2.53', '--dns-search', 'example.test', '--dns-option', 'ndots:2',
      '--add-host', 'db:192.0.2.7', store.busybox, 'sh', '-c', 'cat /etc/hosts; echo ---; cat /etc/resolv.conf; echo ---; ip -4 -o addr show eth0',
    ]); // prettier-ignore
    const [hosts, resolv, addr] = out.split('---\n');
    const ip = /inet (10\.85\.\d+\.\d+)\//.exec(addr ?? '')?.[1];
    expect(ip).toBeDefined();
    expect(hosts).toContain('192.0.2.7\tdb');
    expect(hosts).toContain(`${ip}\tbox`);
    expect(hosts).toContain('10.85.0.1\thost.containers.internal');
    expect(resolv).toContain('nameserver 192.0.2.53');
    expect(resolv).toContain('search example.test');
    expect(resolv).toContain('options ndots:2');
    const bad = await store.run(['create', '--add-host', 'nocolon', store.busybox, 'true']);
    expect(bad.code).toBe(125);
    expect(bad.stderr).toMatch(/^Error: invalid --add-host "nocolon"/);
  });

  it('undoes a netavark setup that fails half-way: no netns, bridge, rule or address left', async () => {
    // The kernel refuses an MTU this large only when netavark creates the bridge.
    await store.ok(['network', 'create', '--subnet', '10.86.254.0/24', '-o', 'mtu=70000', 'badmtu']);
    const bridge = await store.ok(['network', 'inspect', '--format', '{{.network_interface}}', 'badmtu']);
    const r = await store.run([
      'run',
      '-d',
      '--name',
      'half',
      '--network',
      'badmtu',
      store.busybox,
      'sleep',
      '60',
    ]);
    expect(r.code).toBe(125);
    expect(r.stderr).toMatch(/^Error: netavark setup for container half: .*Invalid argument/);
    expect(await inspectField('half', '{{.State.Status}}')).toBe('created');
    expect(netnsFiles()).toEqual([]);
    expect(existsSync(`/sys/class/net/${bridge}`)).toBe(false);
    expect(natRules()).not.toContain('10.86.254.0/24');
    const bad = await store.run(['network', 'create', '-o', 'mtu=abc', 'worse']);
    expect(bad.code).toBe(125);
    expect(bad.stderr).toBe('Error: invalid value "abc" for network option mtu: use a number\n');
    await store.ok(['rm', 'half']);
    await store.ok(['network', 'rm', 'badmtu']);
  });

  it('keeps the default bridge up between containers, and a user network bridge goes with its last container', async () => {
    // Start without a keeper (another test file's run may have made one): this run must add it.
    if (existsSync('/sys/class/net/berth0k')) execFileSync('ip', ['link', 'del', 'berth0k']);
    await store.ok(['run', '--rm', store.busybox, 'true']);
    // The keeper port stays on berth0 (as docker0 stays), so the next run skips bridge set-up.
    expect(existsSync('/sys/class/net/berth0/brif/berth0k')).toBe(true);
    expect(natRules()).toContain('10.85.0.0/16');
    const out = await store.ok(['run', '--rm', store.busybox, 'sh', '-c', 'ip -4 -o addr show eth0']);
    expect(out).toMatch(/inet 10\.85\.\d+\.\d+\/16/);
    await store.ok(['network', 'create', '--subnet', '10.86.253.0/24', 'transient']);
    const bridge = await store.ok(['network', 'inspect', '--format', '{{.network_interface}}', 'transient']);
    await store.ok(['run', '--rm', '--network', 'transient', store.busybox, 'true']);
    expect(existsSync(`/sys/class/net/${bridge}`)).toBe(false);
    expect(natRules()).not.toContain('10.86.253.0/24');
    await store.ok(['network', 'rm', 'transient']);
  });

  it('takes a static --ip and --mac-address, refusing an address already in use', async () => {
    await store.ok(['network', 'create', '--subnet', '10.86.253.0/24', 'fixed']);
    await store.ok([
      'run',
      '-d',
      '--name',
      'fixed1',
      '--network',
      'fixed',
      '--ip',
      '10.86.253.42',
      '--mac-address',
      '92:d0:c6:0a:29:33',
      store.busybox,
      'sleep',
      '60',
    ]);
    expect(
      await inspectField('fixed1', '{{.NetworkSettings.IPAddress}} {{.NetworkSettings.MacAddress}}'),
    ).toBe('10.86.253.42 92:d0:c6:0a:29:33');
    const clash = await store.run([
      'run',
      '-d',
      '--name',
      'fixed2',
      '--network',
      'fixed',
      '--ip',
      '10.86.253.42',
      store.busybox,
      'sleep',
      '60',
    ]);
    expect(clash.code).toBe(125);
    expect(clash.stderr).toMatch(
      /^Error: IP address 10\.86\.253\.42 on network fixed is already in use by container fixed1/,
    );
    const outside = await store.run([
      'create',
      '--network',
      'fixed',
      '--ip',
      '10.1.1.1',
      store.busybox,
      'true',
    ]);
    expect(outside.code).toBe(125);
    await store.ok(['rm', '-f', 'fixed1', 'fixed2']);
    await store.ok(['network', 'rm', 'fixed']);
    expect(natRules()).not.toContain('10.86.253.0/24');
  });
});
