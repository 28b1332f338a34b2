// Rootless Berth: the core cases (pull, run, exec, logs, ports, volumes, pod, build) as an
// unprivileged user made by the set-up (helpers/rootless-user.ts), with ownership checked on the
// host: what the container writes to a bind mount belongs to the user; root in the container
// cannot write where the user cannot. Then what runs on top: user networks (netavark in the
// rootless netns), the API service, desktop web mode and an embedding process outside the
// namespace, slirp4netns, fuse-overlayfs, and the messages for what a host cannot give.
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HTTPD_PAGE } from '../fixtures/images/fixture-images.js';
import { BERTH_BIN } from './helpers/berth-cli.js';
import { ROOTLESS_USER, rootlessUser, type RootlessUser } from './helpers/rootless-user.js';
import { callWebMode } from './helpers/web-mode-call.js';

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

async function fetchPageSoon(port: number): Promise<string> {
  let page = '';
  for (let i = 0; i < 50 && page === ''; i++) {
    page = await fetchPage(port).catch(() => '');
    if (page === '') await new Promise((r) => setTimeout(r, 100));
  }
  return page;
}

/** Processes (pasta, slirp4netns, port forwarders) whose command line names this directory. */
function helpersOf(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.some((arg) => arg.startsWith(dir))) found.push(argv.join(' '));
    } catch {
      // gone
    }
  }
  return found;
}

async function waitUntil(done: () => boolean, what: string, child: ChildProcess): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  for (let i = 0; i < 300 && !done(); i++) {
    if (child.exitCode !== null) throw new Error(`berth exited ${child.exitCode} before ${what}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!done()) throw new Error(`no ${what} after 15 s: ${stderr}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** The first uid_map line of every berth process whose command line has `word`. */
function namespaceUidMaps(word: string): string[] {
  const maps: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!argv.includes(BERTH_BIN) || !argv.includes(word)) continue;
      const first = readFileSync(`/proc/${entry}/uid_map`, 'utf8').trim().split('\n')[0]!;
      maps.push(first.trim().split(/\s+/).join(' '));
    } catch {
      // gone
    }
  }
  return maps;
}

function apiRequest(
  socketPath: string,
  method: string,
  requestPath: string,
  body?: unknown,
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        socketPath,
        method,
        path: requestPath,
        headers: payload
          ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }
          : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The Docker API's multiplexed log stream (8-byte frame headers) as text. */
function demultiplex(stream: Buffer): string {
  let text = '';
  for (let at = 0; at + 8 <= stream.length;) {
    const size = stream.readUInt32BE(at + 4);
    text += stream.subarray(at + 8, at + 8 + size).toString();
    at += 8 + size;
  }
  return text;
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

  it('runs containers on a user network that reach each other by name, with a port on 127.0.0.1', async () => {
    await user.ok(['pull', '-q', httpd]);
    await user.ok(['network', 'create', 'usernet']);
    const port = 20000 + Math.floor(Math.random() * 20000);
    const web = await user.ok([
      'run',
      '-d',
      '--name',
      'web',
      '--network',
      'usernet',
      '-p',
      `127.0.0.1:${port}:80`,
      httpd,
    ]);
    // aardvark-dns, inside the rootless netns, answers for the other container's name.
    expect(
      await user.ok(['run', '--rm', '--network', 'usernet', busybox, 'wget', '-qO-', 'http://web/']),
    ).toBe(HTTPD_PAGE.trim());
    expect(await fetchPageSoon(port)).toBe(HTTPD_PAGE);
    expect(await user.ok(['port', web])).toBe(`80/tcp -> 127.0.0.1:${port}`);
    // A pod on the network: its members share the infra's place on it.
    await user.ok(['pod', 'create', '--name', 'netpod', '--network', 'usernet']);
    const member = await user.ok(['run', '-d', '--pod', 'netpod', busybox, 'sleep', '100']);
    expect(await user.ok(['exec', member, 'wget', '-qO-', 'http://web/'])).toBe(HTTPD_PAGE.trim());
    await user.ok(['pod', 'rm', '-f', '-t', '0', 'netpod']);
    await user.ok(['rm', '-f', web]);
    await expect(fetchPage(port)).rejects.toThrow();
    // The last container took the rootless netns and its pasta with it.
    expect(helpersOf(user.runroot)).toEqual([]);
    await user.ok(['network', 'rm', 'usernet']);
  }, 90_000);

  it('serves the Docker API on $XDG_RUNTIME_DIR/berth/berth.sock from inside the user namespace', async () => {
    const socket = path.join(user.runtimeDir, 'berth', 'berth.sock');
    const service = user.start(['system', 'service', '--time', '0']);
    try {
      await waitUntil(() => existsSync(socket), 'the service socket', service);
      expect(statSync(socket).uid).toBe(user.uid);
      // The process that serves it runs as root of the user's namespace, as the CLI does.
      expect(namespaceUidMaps('service')).toContain(`0 ${user.uid} 1`);
      const created = await apiRequest(socket, 'POST', '/containers/create?name=api-made', {
        Image: busybox,
        Cmd: ['sh', '-c', 'echo from-api; id -u'],
      });
      expect(created.status, created.body.toString()).toBe(201);
      const id = (JSON.parse(created.body.toString()) as { Id: string }).Id;
      expect((await apiRequest(socket, 'POST', `/containers/${id}/start`)).status).toBe(204);
      const waited = await apiRequest(socket, 'POST', `/containers/${id}/wait`);
      expect(JSON.parse(waited.body.toString())).toMatchObject({ StatusCode: 0 });
      const logs = await apiRequest(socket, 'GET', `/containers/${id}/logs?stdout=1&stderr=1`);
      expect(demultiplex(logs.body)).toBe('from-api\n0\n');
      expect(await user.ok(['ps', '-a', '--format', '{{.Names}}'])).toContain('api-made');
      await user.ok(['rm', 'api-made']);
    } finally {
      await stopProcess(service);
    }
  }, 60_000);

  it('serves the desktop app in web mode, whose contract lists and runs containers', async () => {
    const web = user.start(['desktop', '--web']);
    try {
      let output = '';
      web.stdout!.on('data', (c: Buffer) => (output += c.toString()));
      web.stderr!.on('data', (c: Buffer) => (output += c.toString()));
      await waitUntil(() => /is at http:\/\/\S+/.test(output), 'the web mode URL', web);
      const url = /is at (http:\/\/\S+)/.exec(output)![1]!;
      const created = await callWebMode(url, 'containers.create', {
        image: busybox,
        name: 'web-made',
        command: ['sh', '-c', 'echo from-web'],
      });
      expect(created.ok, created.error?.message).toBe(true);
      const started = await callWebMode(url, 'containers.start', { container: 'web-made' });
      expect(started.ok, started.error?.message).toBe(true);
      await user.ok(['wait', 'web-made']);
      expect(await user.ok(['logs', 'web-made'])).toBe('from-web');
      const listed = await callWebMode(url, 'containers.list', { all: true });
      expect((listed.value as Array<{ Names: string[] }>).map((c) => c.Names[0])).toContain('web-made');
      await user.ok(['rm', 'web-made']);
    } finally {
      await stopProcess(web);
    }
  }, 60_000);

  it('serves the store to a process outside the namespace, as Electron main is, through a private service', async () => {
    const probe = path.join(import.meta.dirname, 'helpers', 'desktop-engine-probe.ts');
    const result = spawnSync(
      'runuser',
      [
        '-u',
        ROOTLESS_USER,
        '--',
        'env',
        `XDG_RUNTIME_DIR=${user.runtimeDir}`,
        `HOME=${user.base}`,
        process.execPath,
        '--import',
        'tsx',
        probe,
        user.root,
        user.runroot,
        busybox,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      location: 'local',
      names: expect.arrayContaining(['embedded-made']),
    });
    expect(readdirSync(path.join(user.runtimeDir, 'berth')).filter((f) => f.startsWith('desktop-'))).toEqual(
      [],
    );
    expect(await user.ok(['wait', 'embedded-made'])).toBe('0');
    expect(await user.ok(['logs', 'embedded-made'])).toBe('from-embedded');
    await user.ok(['rm', 'embedded-made']);
  }, 90_000);

  it('runs containers on slirp4netns, by flag or by containers.conf, with published ports', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const id = await user.ok(['run', '-d', '--network', 'slirp4netns', '-p', `${port}:80`, httpd]);
    expect(await user.ok(['exec', id, 'ip', '-4', '-o', 'addr', 'show', 'tap0'])).toContain('10.0.2.100/24');
    expect(await fetchPageSoon(port)).toBe(HTTPD_PAGE);
    await user.ok(['rm', '-f', id]);
    await expect(fetchPage(port)).rejects.toThrow();

    const conf = path.join(user.ownedDir('.config/containers'), 'containers.conf');
    writeFileSync(conf, '[network]\ndefault_rootless_network_cmd = "slirp4netns"\n');
    try {
      expect(await user.ok(['run', '--rm', busybox, 'ip', '-4', '-o', 'addr', 'show', 'tap0'])).toContain(
        '10.0.2.100/24',
      );
      // ...and the rootless netns of user networks gets its connectivity from slirp4netns too.
      await user.ok(['network', 'create', 'slirpnet']);
      const member = await user.ok(['run', '-d', '--network', 'slirpnet', busybox, 'sleep', '100']);
      expect(helpersOf(user.runroot).filter((p) => p.includes('slirp4netns'))).toEqual([
        expect.stringContaining('rootless-netns'),
      ]);
      await user.ok(['rm', '-f', member]);
      await user.ok(['network', 'rm', 'slirpnet']);
    } finally {
      rmSync(conf);
    }
    expect(helpersOf(user.runroot)).toEqual([]);
  }, 60_000);

  it('mounts the root filesystem with fuse-overlayfs when asked to, as podman does', async () => {
    const fuse = ['--storage-opt', 'overlay.mount_program=/usr/bin/fuse-overlayfs'];
    const id = await user.ok([...fuse, 'run', '-d', busybox, 'sh', '-c', 'echo kept > /kept; sleep 100']);
    expect(await user.ok(['exec', id, 'sh', '-c', 'grep " / " /proc/self/mounts'])).toMatch(/fuse-overlayfs/);
    expect(await user.ok(['exec', id, 'cat', '/kept'])).toBe('kept');
    await user.ok(['rm', '-f', id]);
    expect(helpersOf(user.root).filter((p) => p.includes('fuse-overlayfs'))).toEqual([]);
    const bad = await user.run([
      '--storage-opt',
      'overlay.mount_program=/nonexistent',
      'run',
      '--rm',
      busybox,
      'true',
    ]);
    expect(bad.code).toBe(125);
    expect(bad.stderr).toMatch(
      /^Error: the overlay mount program \/nonexistent .*apt-get install fuse-overlayfs/m,
    );
  }, 60_000);

  it('warns that resource limits are ignored on this cgroups v1 host', async () => {
    if (existsSync('/sys/fs/cgroup/cgroup.controllers')) return; // cgroups v2: another message
    for (const flag of [
      ['--memory', '64m'],
      ['--cpus', '0.5'],
      ['--pids-limit', '50'],
    ]) {
      const result = await user.run(['run', '--rm', ...flag, busybox, 'true']);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(
        /level=warning msg="Resource limits are not supported and ignored on cgroups V1 rootless systems"/,
      );
    }
    expect((await user.run(['run', '--rm', busybox, 'true'])).stderr).toBe('');
  }, 60_000);

  it('says what to do for a user without a subordinate ID range', () => {
    const name = 'berth-rootless-nosub';
    // A system account: useradd gives it no /etc/subuid range.
    try {
      execFileSync('id', ['-u', name], { stdio: 'ignore' });
    } catch {
      execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/bin/sh', name]);
    }
    expect(readFileSync('/etc/subuid', 'utf8')).not.toMatch(new RegExp(`^${name}:`, 'm'));
    const home = mkdtempSync(path.join(os.tmpdir(), 'berth-nosub-'));
    execFileSync('chown', [name, home]);
    const result = spawnSync(
      'runuser',
      ['-u', name, '--', 'env', `XDG_RUNTIME_DIR=${home}`, `HOME=${home}`, process.execPath, BERTH_BIN, 'ps'],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(125);
    expect(result.stderr).toBe(
      `Error: no subordinate user IDs for user ${name} (uid ${execFileSync('id', ['-u', name]).toString().trim()}) in /etc/subuid: ` +
        `ask an administrator to add a range, e.g. \`usermod --add-subuids 100000-165535 --add-subgids 100000-165535 ${name}\`\n`,
    );
    execFileSync('userdel', [name]);
    rmSync(home, { recursive: true, force: true });
  });

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
