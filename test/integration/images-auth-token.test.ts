// The Bearer token flow end to end: Debian's docker-registry (distribution 2.8) with
// `auth: token:` sends clients to a realm (test/fixtures/registry/token-server.ts) that checks
// Basic credentials and issues RS256 JWTs granting only what the user may do. Proves that
// `berth login` gets a token with the credentials, that pull and push ask for the right scope and
// service with the saved credentials, and that refusals (anonymous, wrong password, pull-only
// account pushing) are one clear `Error:` line with exit 125.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fixtureLayout } from '../fixtures/images/fixture-cache.js';
import { startTestRegistry, type TestRegistry } from '../fixtures/registry/test-registry.js';
import { startTokenServer, type TokenRequest, type TokenServer } from '../fixtures/registry/token-server.js';
import { scratch } from './helpers/scratch.js';
import { PODMAN_AVAILABLE } from './helpers/podman-store.js';

const WRITER = { user: 'berth', password: 'token-s3cret' };
const READER = { user: 'reader', password: 'read-only-pw' };

let tokens: TokenServer;
let registry: TestRegistry;
let source: string;
const temporary = scratch('berth-token');
const tempDir = temporary.dir;
const store = temporary.store;

/** A private login place: never the user's files, no inherited REGISTRY_AUTH_FILE. */
function loginEnv(): { env: NodeJS.ProcessEnv; authfile: string } {
  const dir = tempDir();
  return {
    env: { XDG_RUNTIME_DIR: dir, REGISTRY_AUTH_FILE: '', HOME: dir },
    authfile: path.join(dir, 'containers', 'auth.json'),
  };
}

/**
 * podman on a throw-away vfs store, run asynchronously: the token server lives in this process,
 * so a synchronous spawn (helpers/podman-store.ts) would stop it from answering podman.
 */
function podmanAsync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = tempDir();
  const global = [
    '--root',
    path.join(base, 'root'),
    '--runroot',
    path.join(base, 'run'),
    '--storage-driver',
    'vfs',
  ];
  return new Promise((resolve) => {
    execFile('podman', [...global, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      // podman's vfs layers can hold read-only files; let podman remove what it stored.
      execFile('podman', [...global, 'rmi', '-a', '-f'], () => resolve({ code, stdout, stderr }));
    });
  });
}

/** The token requests made while `action` ran. */
async function tokenRequestsDuring(action: () => Promise<void>): Promise<TokenRequest[]> {
  const before = tokens.requests.length;
  await action();
  return tokens.requests.slice(before);
}

beforeAll(async () => {
  await fixtureLayout();
  const dir = tempDir();
  tokens = await startTokenServer({
    dir,
    users: {
      [WRITER.user]: { password: WRITER.password, actions: ['pull', 'push'] },
      [READER.user]: { password: READER.password, actions: ['pull'] },
    },
  });
  registry = await startTestRegistry({
    token: {
      realm: tokens.realm,
      service: tokens.service,
      issuer: tokens.issuer,
      rootCertBundle: tokens.certPath,
    },
  });
  // Seed library/busybox with Berth itself (push with --creds), from the shared fixture registry.
  source = `${inject('registryHost')}/library/busybox`;
  const seeder = store();
  const pulled = await seeder.run(['pull', '-q', source]);
  expect(pulled.code, pulled.stderr).toBe(0);
  const seeded = await seeder.run([
    'push',
    '-q',
    '--creds',
    `${WRITER.user}:${WRITER.password}`,
    source,
    `${registry.host}/library/busybox`,
  ]);
  expect(seeded.code, seeded.stderr).toBe(0);
});

afterAll(async () => {
  await registry?.stop();
  await tokens?.stop();
  temporary.cleanup();
});

describe('registry with Bearer token authentication', () => {
  it('refuses an anonymous pull with one Error line and exit 125, and stores nothing', async () => {
    const fresh = store();
    const { env } = loginEnv();
    let r = { code: 0, stdout: '', stderr: '' };
    const seen = await tokenRequestsDuring(async () => {
      r = await fresh.run(['pull', '-q', `${registry.host}/library/busybox`], { env });
    });
    expect(r.code).toBe(125);
    expect(r.stderr).toMatch(
      new RegExp(
        `^Error: authentication is required for ${registry.host.replaceAll('.', '\\.')} \\(repository:library/busybox:pull\\): log in .*--creds`,
      ),
    );
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    // The token service was asked, anonymously, and granted nothing: the refusal is the registry's.
    expect(seen.length).toBeGreaterThan(0);
    for (const request of seen)
      expect(request).toMatchObject({
        user: undefined,
        service: tokens.service,
        scopes: ['repository:library/busybox:pull'],
        granted: ['repository:library/busybox:'],
      });
    expect((await fresh.run(['images', '-q'])).stdout).toBe('');
  });

  it('logs in with a token from the realm, saves auth.json, and pulls and pushes with it', async () => {
    const { env, authfile } = loginEnv();
    const user = store();
    let login = { code: 0, stdout: '', stderr: '' };
    const atLogin = await tokenRequestsDuring(async () => {
      login = await user.run(['login', '-u', WRITER.user, '--password-stdin', registry.host], {
        env,
        input: `${WRITER.password}\n`,
      });
    });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toBe('Login Succeeded!\n');
    // The check was a token request with the credentials (no scope: the /v2/ root needs none).
    expect(atLogin).toEqual([
      { user: WRITER.user, service: tokens.service, scopes: [], granted: [], status: 200 },
    ]);
    const saved = JSON.parse(readFileSync(authfile, 'utf8')) as { auths: Record<string, { auth: string }> };
    expect(Buffer.from(saved.auths[registry.host]!.auth, 'base64').toString()).toBe(
      `${WRITER.user}:${WRITER.password}`,
    );

    let pulled = { code: 0, stdout: '', stderr: '' };
    const atPull = await tokenRequestsDuring(async () => {
      pulled = await user.run(['pull', '-q', `${registry.host}/library/busybox`], { env });
    });
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(atPull).toEqual([
      {
        user: WRITER.user,
        service: tokens.service,
        scopes: ['repository:library/busybox:pull'],
        granted: ['repository:library/busybox:pull'],
        status: 200,
      },
    ]);

    let pushed = { code: 0, stdout: '', stderr: '' };
    const atPush = await tokenRequestsDuring(async () => {
      pushed = await user.run(
        ['push', '-q', `${registry.host}/library/busybox`, `${registry.host}/team/app:1`],
        {
          env,
        },
      );
    });
    expect(pushed.code, pushed.stderr).toBe(0);
    // Pushing asks for pull,push on the destination (plus pull on library/busybox when it tries a
    // cross-repository mount from where the image came).
    expect(atPush.length).toBeGreaterThan(0);
    for (const request of atPush) {
      expect(request).toMatchObject({ user: WRITER.user, service: tokens.service, status: 200 });
      expect(request.scopes[0]).toBe('repository:team/app:pull,push');
      expect(request.granted[0]).toBe('repository:team/app:pull,push');
      expect(request.scopes.slice(1)).toEqual(
        request.scopes.length > 1 ? ['repository:library/busybox:pull'] : [],
      );
    }

    // What was pushed comes back, by the same ID, into another store.
    const again = store();
    const back = await again.run(['pull', '-q', `${registry.host}/team/app:1`], { env });
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toBe(pulled.stdout);
  });

  it('refuses a wrong password at login and at pull, and saves nothing', async () => {
    const { env, authfile } = loginEnv();
    const user = store();
    let r = { code: 0, stdout: '', stderr: '' };
    const seen = await tokenRequestsDuring(async () => {
      r = await user.run(['login', '-u', WRITER.user, '-p', 'not-the-password', registry.host], { env });
    });
    expect(r.code).toBe(125);
    expect(r.stderr).toBe(`Error: logging into "${registry.host}": invalid username/password\n`);
    expect(seen.map((s) => s.status)).toEqual([401]);
    expect(() => readFileSync(authfile)).toThrow(/ENOENT/);
    const pull = await user.run(
      ['pull', '-q', '--creds', `${WRITER.user}:not-the-password`, `${registry.host}/library/busybox`],
      { env },
    );
    expect(pull.code).toBe(125);
    expect(pull.stderr).toMatch(
      /^Error: the credentials were refused for 127\.0\.0\.1:\d+ \(repository:library\/busybox:pull\)/,
    );
    expect(pull.stderr).not.toContain('not-the-password');
    expect((await user.run(['images', '-q'])).stdout).toBe('');
  });

  it('lets a pull-only account pull, and refuses its push with a clear error', async () => {
    const { env } = loginEnv();
    const user = store();
    const login = await user.run(['login', '-u', READER.user, '-p', READER.password, registry.host], { env });
    expect(login.code, login.stderr).toBe(0);
    const pulled = await user.run(['pull', '-q', `${registry.host}/library/busybox`], { env });
    expect(pulled.code, pulled.stderr).toBe(0);

    let pushed = { code: 0, stdout: '', stderr: '' };
    const atPush = await tokenRequestsDuring(async () => {
      pushed = await user.run(
        ['push', '-q', `${registry.host}/library/busybox`, `${registry.host}/team/readers:1`],
        {
          env,
        },
      );
    });
    expect(pushed.code).toBe(125);
    // Refused at the first write: a cross-repository mount from library/busybox, or an upload.
    expect(pushed.stderr).toMatch(
      /^Error: pushing 127\.0\.0\.1:\d+\/team\/readers:1: .*denied access \(repository:team\/readers:pull,push[^)]*\) for the credentials used: they are valid but do not grant it: log in as a user who has this access/,
    );
    expect(pushed.stderr.trimEnd().split('\n')).toHaveLength(1);
    // The token service granted pull only, though pull,push was asked for.
    expect(atPush.length).toBeGreaterThan(0);
    expect(atPush.some((r) => r.scopes[0] === 'repository:team/readers:pull,push')).toBe(true);
    for (const request of atPush) expect(request.granted[0]).toMatch(/:pull$/);
    // Nothing landed: the writer finds no such tag.
    const writer = store();
    const missing = await writer.run(
      ['pull', '-q', '--creds', `${WRITER.user}:${WRITER.password}`, `${registry.host}/team/readers:1`],
      { env },
    );
    expect(missing.code).toBe(125);
    expect(missing.stderr).toMatch(/not found on 127\.0\.0\.1:\d+/);
  });

  it.runIf(PODMAN_AVAILABLE)(
    'podman pulls with the auth.json Berth wrote for the token registry',
    async () => {
      const { env, authfile } = loginEnv();
      const login = await store().run(['login', '-u', READER.user, '-p', READER.password, registry.host], {
        env,
      });
      expect(login.code, login.stderr).toBe(0);
      const before = tokens.requests.length;
      // Plain HTTP on 127.0.0.1: podman needs --tls-verify=false (it has no loopback default).
      const r = await podmanAsync([
        'pull',
        '-q',
        '--tls-verify=false',
        '--authfile',
        authfile,
        `${registry.host}/library/busybox`,
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(tokens.requests.slice(before).some((t) => t.user === READER.user && t.status === 200)).toBe(
        true,
      );
    },
  );
});
