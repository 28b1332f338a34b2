// Pods with real runc, conmon and netavark: an infra container (catatonit) holding the shared
// namespaces, members talking over localhost, ports published on the pod, the pod lifecycle with
// nothing left behind (mounts, conmons, netns), a shared hostname, and podman's errors.
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { containerStore, type ContainerStore } from './helpers/container-store.js';

let store: ContainerStore;
let httpd: string;

function netnsFiles(): string[] {
  const dir = path.join(store.runroot, 'netns');
  return existsSync(dir) ? readdirSync(dir) : [];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function podState(pod: string): Promise<string> {
  return store.ok(['pod', 'inspect', '--format', '{{.State}}', pod]);
}

beforeAll(async () => {
  store = await containerStore();
  httpd = `${inject('registryHost')}/library/httpd`;
  await store.ok(['pull', '-q', httpd]);
});

afterAll(async () => {
  if (store) await store.run(['pod', 'rm', '-a', '-f'], { timeoutMs: 60_000 });
  await store?.dispose();
});

describe('pods', () => {
  it("lets members talk over localhost and answers on the pod's published port from the host", async () => {
    const hostPort = await freePort();
    const podId = await store.ok([
      'pod',
      'create',
      '--name',
      'web',
      '-p',
      `${hostPort}:8080`,
      '--label',
      'team=a',
    ]);
    expect(podId).toMatch(/^[0-9a-f]{64}$/);
    // The infra container exists from create on and is named after the pod's short ID.
    const infraName = `${podId.slice(0, 12)}-infra`;
    expect(await store.ok(['ps', '-a', '--filter', 'pod=web', '--format', '{{.Names}}'])).toBe(infraName);
    await store.ok([
      'run',
      '-d',
      '--pod',
      'web',
      '--name',
      'server',
      store.busybox,
      'httpd',
      '-f',
      '-p',
      '8080',
      '-h',
      '/etc',
    ]);
    // Started on demand: running a member started the infra first.
    expect(await podState('web')).toBe('Running');
    const page = await store.ok([
      'run',
      '--rm',
      '--pod',
      'web',
      store.busybox,
      'wget',
      '-qO-',
      'http://localhost:8080/group',
    ]);
    expect(page).toContain('root:x:0:');
    const response = await fetch(`http://127.0.0.1:${hostPort}/passwd`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('root:x:0:0:');
    // ps --pod and pod ps report the membership.
    const psPod = await store.ok(['ps', '--pod', '--filter', 'name=server']);
    expect(psPod.split('\n')[0]).toMatch(/POD ID\s+PODNAME$/);
    expect(psPod.split('\n')[1]).toMatch(new RegExp(`server\\s+${podId.slice(0, 12)}\\s+web$`));
    expect(
      await store.ok([
        'pod',
        'ps',
        '--filter',
        'label=team=a',
        '--ctr-names',
        '--format',
        '{{.Name}} {{.Status}} {{.ContainerNames}}',
      ]),
    ).toBe(`web Running ${infraName},server`);
    const inspect = JSON.parse(await store.ok(['pod', 'inspect', 'web'])) as Record<string, unknown>;
    expect(inspect).toMatchObject({
      Id: podId,
      Name: 'web',
      State: 'Running',
      SharedNamespaces: ['ipc', 'net', 'uts'],
      NumContainers: 2,
      Labels: { team: 'a' },
      InfraConfig: { PortBindings: { '8080/tcp': [{ HostIp: '', HostPort: String(hostPort) }] } },
    });
    await store.ok(['pod', 'rm', '-f', '-t', '0', 'web']);
    expect(await store.run(['pod', 'exists', 'web'])).toMatchObject({ code: 1 });
    expect(await store.ok(['ps', '-a', '--filter', `pod=${podId}`, '-q'])).toBe('');
    await expect(fetch(`http://127.0.0.1:${hostPort}/passwd`)).rejects.toThrow();
  });

  it("shares the uts and ipc namespaces: members see the pod's hostname and the infra's namespaces", async () => {
    await store.ok(['pod', 'create', '--name', 'named', '--hostname', 'harbour']);
    await store.ok(['run', '-d', '--pod', 'named', '--name', 'named-a', store.busybox, 'sleep', '1000']);
    expect(await store.ok(['run', '--rm', '--pod', 'named', store.busybox, 'hostname'])).toBe('harbour');
    // The same ipc namespace as the infra's: compare the namespace links seen from inside.
    const inMember = await store.ok(['exec', 'named-a', 'readlink', '/proc/self/ns/ipc']);
    const infraPid = await store.ok([
      'inspect',
      '--format',
      '{{.State.Pid}}',
      `${(await store.ok(['pod', 'inspect', '--format', '{{.Id}}', 'named'])).slice(0, 12)}-infra`,
    ]);
    expect(inMember).toMatch(/^ipc:\[\d+\]$/);
    expect(inMember).toBe(readlinkSync(`/proc/${infraPid}/ns/ipc`));
    // uts: the member's namespace is the infra's, not a copy with the same name in it.
    expect(await store.ok(['exec', 'named-a', 'readlink', '/proc/self/ns/uts'])).toBe(
      readlinkSync(`/proc/${infraPid}/ns/uts`),
    );
    // The infra goes only with its pod.
    const infraRm = await store.run([
      'rm',
      '-f',
      await store.ok(['pod', 'inspect', '--format', '{{.InfraContainerID}}', 'named']),
    ]);
    expect(infraRm.code).toBe(125);
    expect(infraRm.stderr).toMatch(
      /^Error: container [0-9a-f]{64} is the infra container of pod [0-9a-f]{64} and cannot be removed without removing the pod: use berth pod rm\n$/,
    );
    await store.ok(['pod', 'rm', '-f', '-t', '0', 'named']);
  });

  it('stops, starts, restarts and removes a pod with nothing left behind', async () => {
    const mountsBefore = store.mounts().length;
    await store.ok(['pod', 'create', '--name', 'life']);
    expect(await podState('life')).toBe('Created');
    for (const name of ['life-a', 'life-b'])
      await store.ok(['create', '--pod', 'life', '--name', name, store.busybox, 'sleep', '1000']);
    await store.ok(['pod', 'start', 'life']);
    expect(await podState('life')).toBe('Running');
    expect(store.conmons()).toHaveLength(3);
    expect(await store.ok(['pod', 'top', 'life'])).toMatch(/sleep 1000/);
    const stopped = await store.ok(['pod', 'stop', '-t', '0', 'life']);
    expect(stopped).toMatch(/^[0-9a-f]{64}$/);
    expect(await podState('life')).toBe('Exited');
    expect(store.conmons()).toHaveLength(0);
    expect(netnsFiles()).toHaveLength(0);
    expect(store.mounts()).toHaveLength(mountsBefore);
    await store.ok(['pod', 'restart', 'life']);
    expect(await podState('life')).toBe('Running');
    await store.ok(['pod', 'pause', 'life']);
    expect(await podState('life')).toBe('Paused');
    await store.ok(['pod', 'unpause', 'life']);
    await store.ok(['pod', 'kill', 'life']);
    await store.ok(['pod', 'stop', 'life']);
    expect(await podState('life')).toBe('Exited');
    await store.ok(['pod', 'rm', 'life']);
    expect(await store.ok(['ps', '-a', '--format', '{{.Names}}'])).not.toMatch(/life/);
    expect(store.conmons()).toHaveLength(0);
    expect(netnsFiles()).toHaveLength(0);
    expect(store.mounts()).toHaveLength(mountsBefore);
    const events = await store.ok([
      'events',
      '--stream=false',
      '--filter',
      'type=pod',
      '--format',
      '{{.Status}}',
    ]);
    expect(events.split('\n')).toEqual(
      expect.arrayContaining(['create', 'start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove']),
    );
  });

  it("merges the members' logs, each line prefixed by its container", async () => {
    await store.ok(['pod', 'create', '--name', 'talk']);
    await store.ok(['run', '--pod', 'talk', '--name', 'talk-a', store.busybox, 'echo', 'from a']);
    await store.ok(['run', '--pod', 'talk', '--name', 'talk-b', store.busybox, 'echo', 'from b']);
    const lines = (await store.ok(['pod', 'logs', 'talk'])).split('\n').sort();
    expect(lines).toEqual(['talk-a from a', 'talk-b from b']);
    expect(await store.ok(['pod', 'logs', '-c', 'talk-b', 'talk'])).toBe('talk-b from b');
    await store.ok(['pod', 'rm', '-f', 'talk']);
  });

  it("gives podman's errors and exit codes", async () => {
    await store.ok(['pod', 'create', '--name', 'strict']);
    const withPort = await store.run(['run', '--pod', 'strict', '-p', '8081:80', store.busybox, 'true']);
    expect(withPort.code).toBe(125);
    expect(withPort.stderr).toBe(
      'Error: invalid config provided: published or exposed ports must be defined when the pod is created: network cannot be configured when it is shared with a pod\n',
    );
    const unknown = await store.run(['run', '--pod', 'nope', store.busybox, 'true']);
    expect(unknown).toMatchObject({
      code: 125,
      stderr: 'Error: no pod with name or ID nope found: no such pod\n',
    });
    const twice = await store.run(['pod', 'create', '--name', 'strict']);
    expect(twice).toMatchObject({
      code: 125,
      stderr: 'Error: adding pod to state: name "strict" is in use: pod already exists\n',
    });
    // Two processes creating one name at once: exactly one pod, and the loser's error is podman's.
    const racers = await Promise.all([0, 1].map(() => store.run(['pod', 'create', '--name', 'race'])));
    expect(racers.map((r) => r.code).sort()).toEqual([0, 125]);
    expect(racers.find((r) => r.code === 125)!.stderr).toMatch(/name "race" is in use: pod already exists/);
    expect(await store.ok(['pod', 'ps', '--filter', 'name=^race$', '-q'])).toMatch(/^[0-9a-f]{12}$/);
    expect(await store.ok(['ps', '-a', '--filter', 'pod=race', '-q'])).toMatch(/^[0-9a-f]{12}$/);
    await store.ok(['pod', 'rm', 'race']);
    await store.ok(['run', '-d', '--pod', 'strict', '--name', 'strict-a', store.busybox, 'sleep', '1000']);
    const running = await store.run(['pod', 'rm', 'strict']);
    expect(running.code).toBe(2);
    expect(running.stderr).toMatch(
      /^Error: pod strict has running containers \(strict-a\): stop it first .* or remove it with -f\n$/,
    );
    expect(await podState('strict')).toBe('Running');
    expect(await store.run(['pod', 'rm', 'nope'])).toMatchObject({ code: 1 });
    expect(await store.run(['pod', 'stop', 'nope'])).toMatchObject({ code: 125 });
    await store.ok(['pod', 'rm', '-f', '-t', '0', 'strict']);
    // --pod new:NAME makes the pod, and the container's -p become the pod's.
    await store.ok(['create', '--pod', 'new:fresh', '--name', 'fresh-a', '-p', '18181:80', httpd]);
    expect(await store.ok(['pod', 'inspect', '--format', '{{.NumContainers}}', 'fresh'])).toBe('2');
    await store.ok(['pod', 'rm', 'fresh']);
  });
});
