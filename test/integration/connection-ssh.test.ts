// An ssh:// connection end to end: `system connection add NAME ssh://user@127.0.0.1:PORT/SOCKET
// --identity KEY` to a real sshd (helpers/sshd.ts) in front of a Berth API service, then the CLI
// working through it (the system's ssh forwards the remote socket). Bad keys and unknown hosts
// are refused with a clear error.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApiService, type ApiService } from './helpers/api-service.js';
import { runBerth, type RunResult } from './helpers/berth-cli.js';
import { containerStore, type ContainerStore } from './helpers/container-store.js';
import { SSHD_BINARY, startSshd, type TestSshd } from './helpers/sshd.js';

const busybox = `${inject('registryHost')}/library/busybox`;
const user = os.userInfo().username;
let store: ContainerStore;
let api: ApiService;
let sshd: TestSshd;
let home: string;

function client(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return runBerth(['--root', path.join(home, 'root'), '--runroot', path.join(home, 'run'), ...args], {
    env: {
      XDG_CONFIG_HOME: path.join(home, 'config'),
      CONTAINER_CONNECTION: '',
      CONTAINER_HOST: '',
      PATH: sshd.path,
      ...env,
    },
    timeoutMs: 90_000,
  });
}

async function ok(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const r = await client(args, env);
  if (r.code !== 0) throw new Error(`berth ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  if (!existsSync(SSHD_BINARY))
    throw new Error(`${SSHD_BINARY} is missing: install openssh-server (scripts/setup.sh does)`);
  home = mkdtempSync(path.join(os.tmpdir(), 'berth-ssh-conn-'));
  store = await containerStore();
  api = await startApiService(store);
  sshd = await startSshd();
}, 90_000);

afterAll(async () => {
  await sshd?.stop();
  await api?.stop();
  await store?.dispose();
  if (home) rmSync(home, { recursive: true, force: true });
}, 90_000);

describe('an ssh:// connection', () => {
  it('pulls, runs, lists and removes through the forwarded socket', async () => {
    const uri = `ssh://${user}@127.0.0.1:${sshd.port}${api.socket}`;
    await ok(['system', 'connection', 'add', '--identity', sshd.identity, 'viassh', uri]);
    const listed = await ok(['system', 'connection', 'ls', '--format', '{{.Name}} {{.URI}} {{.Identity}}']);
    expect(listed).toContain(`viassh ${uri} ${sshd.identity}`);

    await ok(['--connection', 'viassh', 'pull', '-q', busybox]);
    expect(await ok(['--connection', 'viassh', 'run', '--name', 'over-ssh', busybox, 'echo', 'hi'])).toBe(
      'hi\n',
    );
    expect(await ok(['--connection', 'viassh', 'ps', '-a', '--format', '{{.Names}} {{.Status}}'])).toMatch(
      /^over-ssh Exited \(0\)/m,
    );
    // It ran on the service's store, not the client's.
    expect(await ok(['ps', '-a', '-q'])).toBe('');
    expect(await ok(['--connection', 'viassh', 'logs', 'over-ssh'])).toBe('hi\n');
    await ok(['--connection', 'viassh', 'rm', 'over-ssh']);
    // The tunnel is gone with the command: no ssh left running for this connection.
    const leftover = execFileSync('ps', ['-eo', 'args']).toString();
    expect(leftover).not.toContain(`${sshd.port} -L`);
  }, 180_000);

  it('refuses a key the server does not accept, and a host it does not know, saying so', async () => {
    const keyDir = mkdtempSync(path.join(os.tmpdir(), 'berth-ssh-key-'));
    try {
      const stranger = path.join(keyDir, 'stranger');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
      const uri = `ssh://${user}@127.0.0.1:${sshd.port}${api.socket}`;
      await ok(['system', 'connection', 'add', '--identity', stranger, 'badkey', uri]);
      const denied = await client(['--connection', 'badkey', 'ps']);
      expect(denied.code).toBe(125);
      expect(denied.stderr).toMatch(
        /^Error: unable to connect to Berth socket over ssh .*Permission denied/m,
      );

      // Without the wrapper's known_hosts, the host key is unknown: ssh in batch mode refuses.
      const unknown = await client(['--connection', 'viassh', 'ps'], { PATH: process.env.PATH });
      expect(unknown.code).toBe(125);
      expect(unknown.stderr).toMatch(/Host key verification failed/);
    } finally {
      rmSync(keyDir, { recursive: true, force: true });
    }
  }, 120_000);
});
