// The API service proven with Docker's own CLI (`docker` on PATH, DOCKER_HOST=unix://...): what a
// user sees from version, info, pull, images, run, ps, logs, exec -it, cp, stop, rm, networks,
// volumes and events; and bad input over plain HTTP never takes the service down.
import { statSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApiService, type ApiService } from './helpers/api-service.js';
import { containerStore, eventually, type ContainerStore } from './helpers/container-store.js';
import { PtySession } from './helpers/pty-session.js';

let store: ContainerStore;
let api: ApiService;
const registry = () => inject('registryHost');

async function docker(
  args: readonly string[],
  options?: { input?: string; timeoutMs?: number },
): Promise<string> {
  const r = await api.docker(args, options);
  if (r.code !== 0) throw new Error(`docker ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  store = await containerStore();
  api = await startApiService(store);
}, 60_000);

afterAll(async () => {
  await api?.stop();
  await store?.dispose();
});

describe('docker CLI against berth system service', () => {
  it('negotiates the API version and shows version and info', async () => {
    expect((statSync(api.socket).mode & 0o777).toString(8)).toBe('600');
    expect(await docker(['version', '--format', '{{.Server.APIVersion}} {{.Server.Os}}'])).toBe(
      '1.43 linux\n',
    );
    const version = await docker(['version']);
    // Any client from 1.24 on works (Debian's docker.io is 20.10, this machine's may be newer).
    expect(version).toMatch(/API version:\s+1\.43 \(minimum version 1\.24\)/);
    expect(version).toContain('Server: Berth Engine');
    expect(await docker(['info', '--format', '{{.Images}} {{.Driver}} {{.OSType}} {{.DockerRootDir}}'])).toBe(
      `1 overlay linux ${store.root}\n`,
    );
  });

  it('pulls with progress and lists images', async () => {
    const image = `${registry()}/library/httpd`;
    const r = await api.docker(['pull', image], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Using default tag: latest');
    expect(lines[1]).toBe('latest: Pulling from library/httpd');
    expect(lines).toContain(`Status: Downloaded newer image for ${image}:latest`);
    expect(lines.at(-1)).toBe(`${image}:latest`);
    expect(lines.some((l) => /^[0-9a-f]{12}: Pull complete$/.test(l))).toBe(true);
    const again = await docker(['pull', '-q', image]);
    expect(again).toBe(`${image}:latest\n`);
    const images = await docker(['images', '--format', '{{.Repository}}:{{.Tag}}']);
    expect(images.trim().split('\n').sort()).toEqual([`${store.busybox}:latest`, `${image}:latest`]);
    // The same store as the CLI's: berth sees what docker pulled.
    expect(
      await store.ok(['images', '--format', '{{.Repository}}', '--filter', 'reference=*/library/httpd']),
    ).toBe(`${registry()}/library/httpd`);
    // Removing it through the API untags and deletes it.
    const rmi = await docker(['rmi', image]);
    expect(rmi).toMatch(new RegExp(`^Untagged: ${image}:latest\\nDeleted: sha256:[0-9a-f]{64}\\n$`));
  });

  it('runs --rm in the foreground with output and exit code, leaving nothing behind', async () => {
    expect(await docker(['run', '--rm', store.busybox, 'echo', 'hello from docker'])).toBe(
      'hello from docker\n',
    );
    const failed = await api.docker(['run', '--rm', store.busybox, 'sh', '-c', 'echo oops >&2; exit 3']);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toBe('oops\n');
    expect(await docker(['ps', '-a', '-q'])).toBe('');
    const piped = await docker(['run', '--rm', '-i', store.busybox, 'tr', 'a-z', 'A-Z'], {
      input: 'shout\n',
    });
    expect(piped).toBe('SHOUT\n');
  });

  it('runs detached: ps, logs, logs -f, exec, stop, rm', async () => {
    const id =
      (await docker([
        'run', '-d', '--name', 'web', store.busybox,
        'sh', '-c', 'echo out; echo err >&2; trap "exit 0" TERM; while true; do sleep 0.2; done',
      ])) // prettier-ignore
        .trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(await docker(['ps', '--format', '{{.ID}} {{.Names}} {{.State}} {{.Image}}'])).toBe(
      // The image as the engine records it (normalized with its tag), as podman's service shows it.
      `${id.slice(0, 12)} web running ${store.busybox}:latest\n`,
    );
    expect(await docker(['ps', '--format', '{{.Status}}'])).toMatch(
      /^Up (Less than a second|\d+ seconds?)\n$/,
    );
    await eventually(async () => ((await api.docker(['logs', 'web'])).stderr === 'err\n' ? true : undefined));
    const logs = await api.docker(['logs', 'web']);
    expect(logs.stdout).toBe('out\n');
    const stamped = await docker(['logs', '--timestamps', 'web']);
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z out\n$/);

    const exec = await api.docker(['exec', 'web', 'sh', '-c', 'echo inside; exit 4']);
    expect(exec.code).toBe(4);
    expect(exec.stdout).toBe('inside\n');

    // logs -f shows new output as it comes and ends when the container stops.
    const follow = api.docker(['logs', '-f', 'web'], { timeoutMs: 30_000 });
    await new Promise((r) => setTimeout(r, 500));
    await docker(['exec', 'web', 'sh', '-c', 'echo later > /proc/1/fd/1']);
    await new Promise((r) => setTimeout(r, 500));
    expect(await docker(['stop', 'web'])).toBe('web\n');
    const followed = await follow;
    expect(followed.code).toBe(0);
    expect(followed.stdout).toBe('out\nlater\n');
    expect(await docker(['ps', '-a', '--format', '{{.Names}} {{.Status}}'])).toMatch(
      /^web Exited \(0\) .* ago\n$/,
    );
    expect(
      await docker(['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}} {{.Name}}', 'web']),
    ).toBe('exited 0 /web\n');
    expect(await docker(['rm', 'web'])).toBe('web\n');
    expect(await docker(['ps', '-a', '-q'])).toBe('');
    const gone = await api.docker(['rm', 'web']);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain('no such container');
  });

  it('exec -it drives a shell through a pseudo-terminal', async () => {
    await docker(['run', '-d', '--name', 'shell', store.busybox, 'sleep', '1000']);
    const session = new PtySession(
      `env DOCKER_HOST=${api.env.DOCKER_HOST} DOCKER_CONFIG=${api.env.DOCKER_CONFIG} docker exec -it shell sh`,
    );
    try {
      await session.waitFor('# ');
      session.type('echo $((6*7)) $(tty)\r');
      await session.waitFor(/42 \/dev\/pts\/\d+/);
      session.type('exit 5\r');
      expect(await session.exited).toBe(5);
      expect(session.screen).not.toContain('^@');
    } finally {
      session.kill();
    }
    await docker(['rm', '-f', 'shell']);
  });

  it('copies files into and out of a container', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-api-cp-'));
    try {
      await docker(['run', '-d', '--name', 'files', store.busybox, 'sleep', '1000']);
      writeFileSync(path.join(dir, 'in.txt'), 'from the host\n');
      await docker(['cp', path.join(dir, 'in.txt'), 'files:/tmp/']);
      expect(await docker(['exec', 'files', 'cat', '/tmp/in.txt'])).toBe('from the host\n');
      await docker(['cp', path.join(dir, 'in.txt'), 'files:/tmp/renamed.txt']);
      expect(await docker(['exec', 'files', 'cat', '/tmp/renamed.txt'])).toBe('from the host\n');
      await docker(['exec', 'files', 'sh', '-c', 'mkdir -p /data/sub && echo deep > /data/sub/f']);
      await docker(['cp', 'files:/data', path.join(dir, 'out')]);
      expect(readFileSync(path.join(dir, 'out', 'sub', 'f'), 'utf8')).toBe('deep\n');
      const missing = await api.docker(['cp', 'files:/nope', path.join(dir, 'x')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('Could not find the file /nope in container files');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await api.docker(['rm', '-f', 'files']);
    }
  });

  it('manages networks and volumes', async () => {
    expect(await docker(['network', 'create', 'apinet'])).toMatch(/^[0-9a-f]{64}\n$/);
    expect(
      await docker(['network', 'ls', '--format', '{{.Name}} {{.Driver}}', '--filter', 'name=apinet']),
    ).toBe('apinet bridge\n');
    expect(await docker(['network', 'inspect', '--format', '{{.Name}} {{.Scope}}', 'apinet'])).toBe(
      'apinet local\n',
    );
    await docker(['run', '-d', '--name', 'netted', '--network', 'apinet', store.busybox, 'sleep', '1000']);
    const attached = await docker([
      'network',
      'inspect',
      '--format',
      '{{range .Containers}}{{.Name}}{{end}}',
      'apinet',
    ]);
    expect(attached).toBe('netted\n');
    const busy = await api.docker(['network', 'rm', 'apinet']);
    expect(busy.code).not.toBe(0);
    expect(busy.stderr).toContain('associated containers');
    await docker(['rm', '-f', 'netted']);
    expect(await docker(['network', 'rm', 'apinet'])).toBe('apinet\n');

    expect(await docker(['volume', 'create', 'apivol'])).toBe('apivol\n');
    expect(await docker(['volume', 'ls', '--format', '{{.Driver}} {{.Name}}'])).toBe('local apivol\n');
    await docker(['run', '--rm', '-v', 'apivol:/data', store.busybox, 'sh', '-c', 'echo kept > /data/f']);
    expect(await docker(['run', '--rm', '-v', 'apivol:/data', store.busybox, 'cat', '/data/f'])).toBe(
      'kept\n',
    );
    expect(
      await docker(['volume', 'inspect', '--format', '{{.Name}} {{.Driver}} {{.Scope}}', 'apivol']),
    ).toBe('apivol local local\n');
    expect(await docker(['volume', 'rm', 'apivol'])).toBe('apivol\n');
    expect(await docker(['volume', 'ls', '-q'])).toBe('');
  });

  it('reports events with Docker action names, filtered and bounded in time', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    await docker(['run', '--rm', '--name', 'evented', store.busybox, 'true']);
    const until = Math.ceil(Date.now() / 1000) + 1;
    await new Promise((r) => setTimeout(r, 1100));
    const actions = await docker([
      'events', '--since', String(since), '--until', String(until),
      '--filter', 'container=evented', '--format', '{{.Type}} {{.Action}} {{.Actor.Attributes.name}}',
    ]); // prettier-ignore
    const lines = actions.trim().split('\n');
    for (const action of ['create', 'start', 'die', 'destroy'])
      expect(lines).toContain(`container ${action} evented`);
    // Following (until a time still ahead): an event made meanwhile by another process shows up.
    const follower = api.docker([
      'events', '--until', String(Math.ceil(Date.now() / 1000) + 3),
      '--filter', 'type=volume', '--format', '{{.Action}} {{.Actor.ID}}',
    ]); // prettier-ignore
    await new Promise((r) => setTimeout(r, 700));
    await store.ok(['volume', 'create', 'seen']);
    const followed = await follower;
    expect(followed.code, followed.stderr).toBe(0);
    expect(followed.stdout).toBe('create seen\n');
    await docker(['volume', 'rm', 'seen']);
  });
});

describe('bad input over plain HTTP', () => {
  it('answers malformed bodies, unknown routes and huge bodies with Docker JSON errors', async () => {
    const bad = await api.request('POST', '/v1.43/containers/create', '{not json', {
      'Content-Type': 'application/json',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).message).toContain('malformed JSON');

    const invalid = await api.request('POST', '/containers/create', JSON.stringify({ Image: 42 }));
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).message).toContain('Image');

    const unknown = await api.request('GET', '/v1.43/nope/json');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual({ message: expect.stringContaining('page not found') });

    const missing = await api.request('GET', '/containers/no-such/json');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).message).toContain('no-such');

    const noImage = await api.request(
      'POST',
      '/containers/create',
      JSON.stringify({ Image: 'absent/image:1' }),
    );
    expect(noImage.status).toBe(404);

    const huge = await api
      .request('POST', '/containers/create', Buffer.alloc(2 * 1024 * 1024, 0x20))
      .catch((error: Error) => ({ status: 413, body: JSON.stringify({ message: error.message }) }));
    expect(huge.status).toBe(413);

    const tooNew = await api.request('GET', '/v9.99/info');
    expect(tooNew.status).toBe(400);
    expect(JSON.parse(tooNew.body).message).toContain('is too new');

    const wrongMethod = await api.request('DELETE', '/info');
    expect(wrongMethod.status).toBe(405);

    // Still serving.
    const ping = await api.request('HEAD', '/_ping');
    expect(ping.status).toBe(200);
    expect(ping.headers['api-version']).toBe('1.43');
  });
});
