// `berth system connection add/ls/default/rm` and the CLI through a connection: a Berth API
// service started here and podman's own service, reached with `--connection NAME`, `--url` and
// CONTAINER_CONNECTION. The client runs on an empty store of its own, so everything it shows
// comes from the service.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApiService, type ApiService } from './helpers/api-service.js';
import { runBerth, type RunResult } from './helpers/berth-cli.js';
import { containerStore, type ContainerStore } from './helpers/container-store.js';
import { PODMAN_AVAILABLE } from './helpers/podman-store.js';
import { startPodmanService, type PodmanService } from './helpers/podman-service.js';

let store: ContainerStore;
let api: ApiService;
let home: string;
let podman: PodmanService | undefined;

/** berth as a client: its own config home and an empty local store. */
function client(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return runBerth(['--root', path.join(home, 'root'), '--runroot', path.join(home, 'run'), ...args], {
    env: { XDG_CONFIG_HOME: path.join(home, 'config'), CONTAINER_CONNECTION: '', CONTAINER_HOST: '', ...env },
    timeoutMs: 90_000,
  });
}

async function ok(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const r = await client(args, env);
  if (r.code !== 0) throw new Error(`berth ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  home = mkdtempSync(path.join(os.tmpdir(), 'berth-connection-'));
  store = await containerStore();
  api = await startApiService(store);
  if (PODMAN_AVAILABLE) podman = await startPodmanService(inject('registryHost'));
}, 90_000);

afterAll(async () => {
  await podman?.stop();
  await api?.stop();
  await store?.dispose();
  rmSync(home, { recursive: true, force: true });
}, 90_000);

describe('berth system connection', () => {
  it('adds, lists, sets the default and removes connections in a private 0600 file', async () => {
    await ok(['system', 'connection', 'add', 'svc', `unix://${api.socket}`]);
    await ok(['system', 'connection', 'add', 'far', 'ssh://core@build.example:2222/run/berth/berth.sock']);
    const file = path.join(home, 'config', 'berth', 'connections.json');
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      Connection: {
        Default: 'svc',
        Connections: {
          svc: { URI: `unix://${api.socket}` },
          far: { URI: 'ssh://core@build.example:2222/run/berth/berth.sock' },
        },
      },
    });
    const table = (await ok(['system', 'connection', 'ls'])).split('\n');
    expect(table[0]).toMatch(/^NAME\s+URI\s+IDENTITY\s+DEFAULT$/);
    expect(table[1]).toMatch(/^far\s+ssh:\/\/core@build\.example:2222\/run\/berth\/berth\.sock\s+false$/);
    expect(table[2]).toMatch(new RegExp(`^svc\\s+unix://${api.socket}\\s+true$`));
    await ok(['system', 'connection', 'default', 'far']);
    expect(await ok(['system', 'connection', 'ls', '--format', '{{.Name}}={{.Default}}'])).toBe(
      'far=true\nsvc=false\n',
    );
    const json = JSON.parse(await ok(['system', 'connection', 'ls', '--format', 'json'])) as unknown[];
    expect(json).toContainEqual({ Name: 'svc', URI: `unix://${api.socket}`, Identity: '', Default: false });
    await ok(['system', 'connection', 'rm', 'far']);
    expect(await ok(['system', 'connection', 'ls', '--format', '{{.Name}} {{.Default}}'])).toBe(
      'svc false\n',
    );
    const missing = await client(['system', 'connection', 'default', 'nope']);
    expect(missing.code).toBe(125);
    expect(missing.stderr).toBe('Error: connection "nope" not found: known connections: svc\n');
    const badUri = await client(['system', 'connection', 'add', 'x', 'http://host/sock']);
    expect(badUri.code).toBe(125);
    expect(badUri.stderr).toContain('unsupported connection scheme "http"');
  });
});

describe("the CLI through a connection to Berth's service", () => {
  it('runs, lists and removes containers and images on the service, not the local store', async () => {
    await ok(['system', 'connection', 'add', 'svc', `unix://${api.socket}`]);
    const c = ['--connection', 'svc'];
    expect(await ok([...c, 'run', '--rm', store.busybox, 'echo', 'hi'])).toBe('hi\n');
    const failed = await client([...c, 'run', '--rm', store.busybox, 'sh', '-c', 'echo oops >&2; exit 3']);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toBe('oops\n');
    const id = (
      await ok([
        ...c,
        'run',
        '-d',
        '--name',
        'remote-d',
        store.busybox,
        'sh',
        '-c',
        'echo started; sleep 1000',
      ])
    ).trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(await ok(['-c', 'svc', 'ps', '-a', '--format', '{{.Names}} {{.State}}'])).toBe(
      'remote-d running\n',
    );
    // The service's store has it; the client's own store has nothing.
    expect(await store.ok(['ps', '-a', '--format', '{{.ID}}'])).toBe(id.slice(0, 12));
    expect(await ok(['ps', '-a', '-q'])).toBe('');
    expect(await ok([...c, 'logs', 'remote-d'])).toBe('started\n');
    const inspect = JSON.parse(await ok([...c, 'inspect', 'remote-d'])) as Array<{
      Id: string;
      State: { Running: boolean };
    }>;
    expect(inspect[0]).toMatchObject({ Id: id, State: { Running: true } });
    expect(await ok([...c, 'stop', '-t', '0', 'remote-d'])).toBe('remote-d\n');
    expect(await ok([...c, 'ps', '-a', '--format', '{{.Names}} {{.State}}'])).toBe('remote-d exited\n');
    expect(await ok([...c, 'start', 'remote-d'])).toBe('remote-d\n');
    expect(await ok([...c, 'rm', '-f', 'remote-d'])).toBe('remote-d\n');
    expect(await ok([...c, 'ps', '-a', '-q'])).toBe('');
    const images = await ok([
      '--url',
      `unix://${api.socket}`,
      'images',
      '--format',
      '{{.Repository}}:{{.Tag}}',
    ]);
    expect(images).toBe(`${store.busybox}:latest\n`);
    const versionText = await ok(['version'], { CONTAINER_CONNECTION: 'svc' });
    expect(versionText).toMatch(/^Client:\s+Berth Engine$/m);
    expect(versionText).toMatch(/^Server:$/m);
    expect(versionText).toMatch(/^API Version:\s+1\.43$/m);
    const info = JSON.parse(await ok([...c, 'info', '--format', 'json'])) as { store: { graphRoot: string } };
    expect(info.store.graphRoot).toBe(store.root);
    // --remote takes the default connection (the first one added).
    expect(await ok(['--remote', 'ps', '-a', '-q'])).toBe('');
    expect(await ok(['-r', 'images', '-q'])).toBe(`${(await store.ok(['images', '-q'])).trim()}\n`);
  });

  it('says what is wrong with a socket that is not there, or a command that cannot go remote', async () => {
    const dead = await client(['--url', 'unix:///tmp/berth-no-such-service.sock', 'ps']);
    expect(dead.code).toBe(125);
    expect(dead.stderr).toBe(
      'Error: unable to connect to Berth socket: dial unix /tmp/berth-no-such-service.sock: connect: no such file or directory: is the API service running (berth system service)?\n',
    );
    const local = await client(['--connection', 'svc', 'volume', 'ls']);
    expect(local.code).toBe(125);
    expect(local.stderr).toContain('berth volume ls is not available over a remote connection yet (svc)');
    await ok(['system', 'connection', 'rm', '--all']);
    const noDefault = await client(['--remote', 'ps']);
    expect(noDefault.stderr).toBe(
      'Error: --remote needs a default connection: add one with berth system connection add --default NAME URI\n',
    );
    await ok(['system', 'connection', 'add', 'svc', `unix://${api.socket}`]);
    const unknown = await client(['--connection', 'nope', 'ps']);
    expect(unknown.stderr).toBe('Error: connection "nope" not found: known connections: svc\n');
  });
});

describe.runIf(PODMAN_AVAILABLE)("the CLI through a connection to podman's service", () => {
  it('pulls and lists images and containers there', async () => {
    await ok(['system', 'connection', 'add', 'podsvc', `unix://${podman!.socket}`]);
    const c = ['--connection', 'podsvc'];
    const pulled = await client([...c, 'pull', store.busybox]);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(pulled.stderr).toContain(`Trying to pull ${store.busybox}...`);
    expect(await ok([...c, 'images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'])).toBe(
      `${store.busybox}:latest ${pulled.stdout.slice(0, 12)}\n`,
    );
    expect(podman!.podman(['images', '-q']).stdout).toBe(`${pulled.stdout.slice(0, 12)}\n`);
    expect(await ok([...c, 'ps', '-a', '-q'])).toBe('');
    expect(await ok([...c, 'version'])).toMatch(/^Server:\s*\nVersion:\s+4\.\d+\.\d+$/m);
  });
});
