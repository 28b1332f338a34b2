// Rootless Berth: the core cases (pull, run, exec, logs, ports, volumes, pod, build) as an
// unprivileged user made by the set-up (helpers/rootless-user.ts), with ownership checked on the
// host: what the container writes to a bind mount belongs to the user; root in the container
// cannot write where the user cannot.
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HTTPD_PAGE } from '../fixtures/images/fixture-images.js';
import { ROOTLESS_USER, rootlessUser, type RootlessUser } from './helpers/rootless-user.js';

let user: RootlessUser;
const busybox = `${inject('registryHost')}/library/busybox`;
const httpd = `${inject('registryHost')}/library/httpd`;

beforeAll(async () => {
  user = rootlessUser();
  await user.ok(['pull', '-q', busybox]);
}, 120_000);
afterAll(async () => {
  await user?.dispose();
}, 120_000);

function fetchPage(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/' }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

describe('rootless berth', () => {
  it('keeps its store under the given root, owned by the user, and says it is rootless', async () => {
    const info = JSON.parse(await user.ok(['info', '--format', 'json'])) as {
      host: {
        security: { rootless: boolean };
        idMappings: { uidmap: Array<{ container_id: number; host_id: number; size: number }> };
      };
      store: { graphRoot: string };
    };
    expect(info.host.security.rootless).toBe(true);
    expect(info.host.idMappings.uidmap[0]).toEqual({ container_id: 0, host_id: user.uid, size: 1 });
    expect(info.host.idMappings.uidmap[1]?.container_id).toBe(1);
    expect(info.store.graphRoot).toBe(user.root);
    expect(statSync(path.join(user.root, 'berth.db')).uid).toBe(user.uid);
  });

  it('runs a container as root in the namespace, with image owners mapped through /etc/subuid', async () => {
    expect(await user.ok(['run', '--rm', busybox, 'id', '-u'])).toBe('0');
    // chown inside the container lands on a subordinate ID on the host (uid 1 -> first subuid).
    const name = 'owners';
    const id = await user.ok([
      'create',
      '--name',
      name,
      busybox,
      'sh',
      '-c',
      'touch /made && chown 1:1 /made',
    ]);
    await user.ok(['start', '-a', name]);
    const subuidStart = Number(
      readFileSync('/etc/subuid', 'utf8')
        .split('\n')
        .find((line) => line.startsWith(`${ROOTLESS_USER}:`))!
        .split(':')[1],
    );
    expect(statSync(path.join(user.root, 'containers', id, 'diff', 'made')).uid).toBe(subuidStart);
    // The mounts live in the user's mount namespace, not in the host's.
    expect(readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain(user.root);
    await user.ok(['rm', name]);
  });

  it('execs into a running container and reads its logs', async () => {
    const id = await user.ok(['run', '-d', busybox, 'sh', '-c', 'echo started; sleep 100']);
    expect(await user.ok(['exec', id, 'sh', '-c', 'echo from-exec $(id -u)'])).toBe('from-exec 0');
    expect(await user.ok(['logs', id])).toBe('started');
    await user.ok(['rm', '-f', id]);
  });

  it('publishes a port on the host through pasta', async () => {
    await user.ok(['pull', '-q', httpd]);
    const port = 20000 + Math.floor(Math.random() * 20000);
    const id = await user.ok(['run', '-d', '-p', `${port}:80`, httpd]);
    let page = '';
    for (let i = 0; i < 50 && page === ''; i++) {
      page = await fetchPage(port).catch(() => '');
      if (page === '') await new Promise((r) => setTimeout(r, 100));
    }
    expect(page).toBe(HTTPD_PAGE);
    expect(await user.ok(['port', id])).toBe(`80/tcp -> 0.0.0.0:${port}`);
    await user.ok(['rm', '-f', id]);
    await expect(fetchPage(port)).rejects.toThrow();
  }, 60_000);

  it('writes to bind mounts as the user, and cannot write where the user cannot', async () => {
    const owned = user.ownedDir('owned');
    await user.ok(['run', '--rm', '-v', `${owned}:/out`, busybox, 'sh', '-c', 'echo hi > /out/file']);
    const stat = statSync(path.join(owned, 'file'));
    expect([stat.uid, stat.gid]).toEqual([user.uid, user.gid]);
    expect(readFileSync(path.join(owned, 'file'), 'utf8')).toBe('hi\n');

    const rootOwned = path.join(user.base, 'root-owned');
    mkdirSync(rootOwned);
    chmodSync(rootOwned, 0o755);
    writeFileSync(path.join(rootOwned, 'keep'), 'root data\n');
    const denied = await user.run([
      'run',
      '--rm',
      '-v',
      `${rootOwned}:/in`,
      busybox,
      'sh',
      '-c',
      'echo x > /in/new',
    ]);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/Permission denied/);
    expect(() => statSync(path.join(rootOwned, 'new'))).toThrow();
    rmSync(rootOwned, { recursive: true });
  });

  it('keeps data in named volumes across containers', async () => {
    await user.ok(['volume', 'create', 'data']);
    await user.ok([
      'run',
      '--rm',
      '-v',
      'data:/data',
      busybox,
      'sh',
      '-c',
      'echo kept > /data/f && chown 2:2 /data/f',
    ]);
    expect(
      await user.ok(['run', '--rm', '-v', 'data:/data', busybox, 'stat', '-c', '%u %n', '/data/f']),
    ).toBe('2 /data/f');
    expect(await user.ok(['run', '--rm', '-v', 'data:/data', busybox, 'cat', '/data/f'])).toBe('kept');
    await user.ok(['volume', 'rm', 'data']);
  });

  it('runs a pod whose containers share the infra network namespace', async () => {
    await user.ok(['pod', 'create', '--name', 'pod1']);
    const first = await user.ok(['run', '-d', '--pod', 'pod1', busybox, 'sleep', '100']);
    const second = await user.ok(['run', '-d', '--pod', 'pod1', busybox, 'sleep', '100']);
    const netOf = (id: string) => user.ok(['exec', id, 'readlink', '/proc/self/ns/net']);
    expect(await netOf(first)).toBe(await netOf(second));
    await user.ok(['pod', 'rm', '-f', 'pod1']);
    expect(await user.ok(['ps', '-a', '-q'])).toBe('');
  }, 60_000);

  it('builds an image with RUN steps that change owners', async () => {
    const context = user.ownedDir('context');
    writeFileSync(
      path.join(context, 'Containerfile'),
      `FROM ${busybox}\nRUN echo built > /built && chown 1000:1000 /built\n`,
    );
    await user.ok(['build', '-q', '-t', 'rootless-built', '.'], { cwd: context, timeoutMs: 120_000 });
    expect(await user.ok(['run', '--rm', 'rootless-built', 'stat', '-c', '%u %s', '/built'])).toBe('1000 6');
    await user.ok(['rmi', 'rootless-built']);
  }, 150_000);

  it('enters the namespace with berth unshare, where the user is root', async () => {
    expect(await user.ok(['unshare', 'id', '-u'])).toBe('0');
    expect(await user.ok(['unshare', 'sh', '-c', 'echo $BERTH_GRAPHROOT'])).toBe(user.root);
  });
});
