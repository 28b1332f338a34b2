// `berth login` / `logout` against a registry that requires htpasswd (Basic) credentials: a
// refusal saves nothing, a success writes containers' auth.json (0600) that podman reads too, and
// pull/push use the saved credentials. Every run uses its own auth file or XDG_RUNTIME_DIR.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fixtureLayout } from '../fixtures/images/fixture-cache.js';
import { startTestRegistry, type TestRegistry } from '../fixtures/registry/test-registry.js';
import { tempStore, type BerthStore } from './helpers/berth-cli.js';
import { PODMAN_AVAILABLE, tempPodmanStore } from './helpers/podman-store.js';

const USER = 'berth';
const PASSWORD = 's3cret-pw';
// bcrypt (cost 4, the registry's htpasswd format) of PASSWORD.
const HTPASSWD = `${USER}:$2b$04$yAkNjvBzSTbkLbLKl9NcFeX72VKWSGHwV.OY6WvSsCrRpmZPomsvK\n`;

let secured: TestRegistry;
const dirs: string[] = [];
const stores: BerthStore[] = [];
beforeAll(async () => {
  await fixtureLayout();
  secured = await startTestRegistry({ htpasswd: HTPASSWD });
});
afterAll(async () => {
  await secured.stop();
  for (const s of stores) s.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function setup(): { store: BerthStore; dir: string; authfile: string; env: NodeJS.ProcessEnv } {
  const store = tempStore();
  stores.push(store);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-auth-'));
  dirs.push(dir);
  // Never the user's files: a private runtime dir, and no inherited REGISTRY_AUTH_FILE.
  const env = { XDG_RUNTIME_DIR: dir, REGISTRY_AUTH_FILE: '', HOME: dir };
  return { store, dir, authfile: path.join(dir, 'containers', 'auth.json'), env };
}

describe('berth login / logout', () => {
  it('refuses wrong credentials with one Error line, exit 125, and saves nothing', async () => {
    const { store, authfile, env } = setup();
    const r = await store.run(['login', '-u', USER, '-p', 'wrong', secured.host], { env });
    expect(r.code).toBe(125);
    expect(r.stderr).toBe(`Error: logging into "${secured.host}": invalid username/password\n`);
    expect(r.stdout).toBe('');
    expect(existsSync(authfile)).toBe(false);
  });

  it('logs in (password on stdin), writes auth.json 0600 where podman looks, and pull/push use it', async () => {
    const { store, authfile, env } = setup();
    const r = await store.run(['login', '-u', USER, '--password-stdin', secured.host], {
      env,
      input: `${PASSWORD}\n`,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('Login Succeeded!\n');
    expect(`${r.stdout}${r.stderr}`).not.toContain(PASSWORD);
    expect(statSync(authfile).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(authfile)).mode & 0o777).toBe(0o700);
    const saved = JSON.parse(readFileSync(authfile, 'utf8')) as { auths: Record<string, { auth: string }> };
    expect(Buffer.from(saved.auths[secured.host]!.auth, 'base64').toString()).toBe(`${USER}:${PASSWORD}`);
    // Logged in: push to and pull from the secured registry with no credential flags.
    expect((await store.run(['pull', '-q', `${inject('registryHost')}/library/busybox`])).code).toBe(0);
    const pushed = await store.run(
      ['push', '-q', `${inject('registryHost')}/library/busybox`, `${secured.host}/secure/busybox`],
      { env },
    );
    expect(pushed.code, pushed.stderr).toBe(0);
    const fresh = tempStore();
    stores.push(fresh);
    const anonymous = await fresh.run(['pull', '-q', `${secured.host}/secure/busybox`], {
      env: { ...env, XDG_RUNTIME_DIR: path.join(env.XDG_RUNTIME_DIR!, 'nowhere') },
    });
    expect(anonymous.code).toBe(125);
    expect(anonymous.stderr).toMatch(/^Error: .*authentication is required for 127\.0\.0\.1:\d+ .*login/m);
    const pulled = await fresh.run(['pull', '-q', `${secured.host}/secure/busybox`], { env });
    expect(pulled.code, pulled.stderr).toBe(0);
    // Logged in already: login without credentials checks and keeps them.
    const again = await store.run(['login', secured.host], { env });
    expect(again.stdout).toBe(
      `Authenticating with existing credentials for ${secured.host}\nExisting credentials are valid. Already logged in to ${secured.host}\n`,
    );
    expect((await store.run(['login', '--get-login', secured.host], { env })).stdout).toBe(`${USER}\n`);
    if (PODMAN_AVAILABLE) {
      // podman reads the same file from the same place.
      const podman = tempPodmanStore();
      try {
        const got = podman.run(['login', '--get-login', secured.host], { env });
        expect(got.stdout.trim()).toBe(USER);
        const viaPodman = podman.run(['pull', '-q', '--tls-verify=false', `${secured.host}/secure/busybox`], {
          env,
        });
        expect(viaPodman.code, viaPodman.stderr).toBe(0);
      } finally {
        podman.cleanup();
      }
    }
    const out = await store.run(['logout', secured.host], { env });
    expect(out).toMatchObject({ code: 0, stdout: `Removed login credentials for ${secured.host}\n` });
    expect(JSON.parse(readFileSync(authfile, 'utf8'))).toEqual({ auths: {} });
    const twice = await store.run(['logout', secured.host], { env });
    expect(twice).toMatchObject({ code: 125, stderr: `Error: not logged into ${secured.host}\n` });
  });

  it('honours --authfile and -p, and logout --all empties the file', async () => {
    const { store, dir, env } = setup();
    const authfile = path.join(dir, 'custom.json');
    const r = await store.run(['login', '--authfile', authfile, '-u', USER, '-p', PASSWORD, secured.host], {
      env,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(authfile, 'utf8')).auths)).toEqual([secured.host]);
    expect(existsSync(path.join(dir, 'containers', 'auth.json'))).toBe(false);
    const all = await store.run(['logout', '--authfile', authfile, '--all'], { env });
    expect(all).toMatchObject({ code: 0, stdout: 'Removed login credentials for all registries\n' });
    expect(JSON.parse(readFileSync(authfile, 'utf8')).auths).toEqual({});
    const both = await store.run(['login', '-p', 'x', '--password-stdin', '-u', USER, secured.host], { env });
    expect(both).toMatchObject({ code: 125 });
    expect(both.stderr).toMatch(/^Error: can't specify both --password-stdin and --password$/m);
  });
});
