// Registries over HTTPS with a self-signed certificate for 127.0.0.1 (made with openssl at test
// time, IP SAN 127.0.0.1), served by the real docker-registry. Berth follows Docker in treating
// loopback registries as insecure by default, so the tests that need verification mark the
// registry `insecure = false` in a registries.conf (CONTAINERS_REGISTRIES_CONF): then an untrusted
// certificate is refused with advice, and trust comes from --cert-dir, the per-user certs.d folder
// (podman's $HOME/.config/containers/certs.d/<host:port>/ca.crt, with HOME private to the test)
// or --tls-verify=false. Nothing is written under /etc.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fixtureLayout } from '../fixtures/images/fixture-cache.js';
import { makeSelfSignedCertificate, type TestCertificate } from '../fixtures/registry/test-certificate.js';
import { startTestRegistry, type TestRegistry } from '../fixtures/registry/test-registry.js';
import { scratch } from './helpers/scratch.js';
import { PODMAN_AVAILABLE, tempPodmanStore } from './helpers/podman-store.js';

const USER = 'berth';
const PASSWORD = 's3cret-pw';
// bcrypt (cost 4, the registry's htpasswd format) of PASSWORD, as in images-auth.test.ts.
const HTPASSWD = `${USER}:$2b$04$yAkNjvBzSTbkLbLKl9NcFeX72VKWSGHwV.OY6WvSsCrRpmZPomsvK\n`;

let certificate: TestCertificate;
let open: TestRegistry;
let secured: TestRegistry;
const temporary = scratch('berth-tls');
const tempDir = temporary.dir;
const store = temporary.store;

/** A folder laid out as podman's certs.d/<host:port>/: the registry's certificate as ca.crt. */
function certDir(): string {
  const dir = tempDir();
  copyFileSync(certificate.certPath, path.join(dir, 'ca.crt'));
  return dir;
}

/**
 * A private HOME and login place, and a registries.conf that marks `registries` as
 * `insecure = false` (certificates verified although on loopback); none listed: an empty file.
 */
function environment(verified: TestRegistry[]): NodeJS.ProcessEnv {
  const home = tempDir();
  const conf = path.join(home, 'registries.conf');
  writeFileSync(
    conf,
    verified.map((r) => `[[registry]]\nlocation = "${r.host}"\ninsecure = false\n`).join(''),
  );
  return { HOME: home, XDG_RUNTIME_DIR: home, REGISTRY_AUTH_FILE: '', CONTAINERS_REGISTRIES_CONF: conf };
}

/** The one-line refusal of an untrusted certificate, with the ways to trust it. */
function untrusted(registry: TestRegistry): RegExp {
  const host = registry.host.replaceAll('.', '\\.');
  return new RegExp(
    `^Error: .*pinging container registry ${host}: the TLS certificate of ${host} is not trusted ` +
      `\\(self-signed certificate, DEPTH_ZERO_SELF_SIGNED_CERT\\): put the CA certificate that signed it in ` +
      `/etc/containers/certs\\.d/${host}/ca\\.crt or .*/\\.config/containers/certs\\.d/${host}/ca\\.crt, ` +
      `or pass --cert-dir DIR .*; or use --tls-verify=false .*\\n$`,
  );
}

beforeAll(async () => {
  await fixtureLayout();
  certificate = makeSelfSignedCertificate(tempDir(), 'registry', '127.0.0.1', ['127.0.0.1']);
  const tls = { certPath: certificate.certPath, keyPath: certificate.keyPath };
  open = await startTestRegistry({ tls });
  secured = await startTestRegistry({ tls, htpasswd: HTPASSWD });
  // Seed library/busybox over TLS without verification (what --tls-verify=false is for).
  const seeder = store();
  const source = `${inject('registryHost')}/library/busybox`;
  expect((await seeder.run(['pull', '-q', source])).code).toBe(0);
  const seeded = await seeder.run([
    'push',
    '-q',
    '--tls-verify=false',
    source,
    `${open.host}/library/busybox`,
  ]);
  expect(seeded.code, seeded.stderr).toBe(0);
});

afterAll(async () => {
  await open?.stop();
  await secured?.stop();
  temporary.cleanup();
});

describe('registry over HTTPS with a self-signed certificate', () => {
  it('accepts a loopback registry without configuration (Docker’s insecure-loopback default)', async () => {
    const r = await store().run(['pull', '-q', `${open.host}/library/busybox`], { env: environment([]) });
    expect(r.code, r.stderr).toBe(0);
  });

  it('refuses the untrusted certificate when verification applies, naming the registry and the remedies', async () => {
    const user = store();
    const image = `${open.host}/library/busybox`;
    // registries.conf says insecure = false for it.
    const byConf = await user.run(['pull', '-q', image], { env: environment([open]) });
    expect(byConf.code).toBe(125);
    expect(byConf.stderr).toMatch(untrusted(open));
    // --tls-verify (true) asks the same without any registries.conf entry.
    const byFlag = await user.run(['pull', '-q', '--tls-verify', image], { env: environment([]) });
    expect(byFlag.code).toBe(125);
    expect(byFlag.stderr).toMatch(untrusted(open));
    expect((await user.run(['images', '-q'])).stdout).toBe('');
  });

  it('trusts the certificate from --cert-dir', async () => {
    const r = await store().run(['pull', '-q', '--cert-dir', certDir(), `${open.host}/library/busybox`], {
      env: environment([open]),
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('trusts the certificate from the per-user certs.d/<host:port>/ca.crt', async () => {
    const env = environment([open]);
    const hostDir = path.join(env.HOME!, '.config', 'containers', 'certs.d', open.host);
    mkdirSync(hostDir, { recursive: true });
    copyFileSync(certificate.certPath, path.join(hostDir, 'ca.crt'));
    const r = await store().run(['pull', '-q', `${open.host}/library/busybox`], { env });
    expect(r.code, r.stderr).toBe(0);
  });

  it('skips verification with --tls-verify=false', async () => {
    const r = await store().run(['pull', '-q', '--tls-verify=false', `${open.host}/library/busybox`], {
      env: environment([open]),
    });
    expect(r.code, r.stderr).toBe(0);
  });

  it('pushes with --cert-dir, and refuses to push without trust', async () => {
    const env = environment([open]);
    const user = store();
    const source = `${inject('registryHost')}/library/busybox`;
    const pulled = await user.run(['pull', '-q', source]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const refused = await user.run(['push', '-q', source, `${open.host}/team/tls:1`], { env });
    expect(refused.code).toBe(125);
    expect(refused.stderr).toMatch(untrusted(open));
    const pushed = await user.run(
      ['push', '-q', '--cert-dir', certDir(), source, `${open.host}/team/tls:1`],
      {
        env,
      },
    );
    expect(pushed.code, pushed.stderr).toBe(0);
    const back = await store().run(['pull', '-q', '--cert-dir', certDir(), `${open.host}/team/tls:1`], {
      env,
    });
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toBe(pulled.stdout);
  });

  it('logs in over TLS with --cert-dir, and refuses the untrusted certificate without it', async () => {
    const env = environment([secured]);
    const user = store();
    const refused = await user.run(['login', '-u', USER, '-p', PASSWORD, secured.host], { env });
    expect(refused.code).toBe(125);
    expect(refused.stderr).toMatch(untrusted(secured));
    expect(refused.stderr.startsWith(`Error: logging into "${secured.host}": `)).toBe(true);
    const trust = certDir();
    const login = await user.run(['login', '--cert-dir', trust, '-u', USER, '-p', PASSWORD, secured.host], {
      env,
    });
    expect(login).toMatchObject({ code: 0, stdout: 'Login Succeeded!\n' });
    // The saved credentials work over TLS for push and pull.
    const source = `${inject('registryHost')}/library/busybox`;
    expect((await user.run(['pull', '-q', source])).code).toBe(0);
    const pushed = await user.run(
      ['push', '-q', '--cert-dir', trust, source, `${secured.host}/private/app:1`],
      {
        env,
      },
    );
    expect(pushed.code, pushed.stderr).toBe(0);
    const pulled = await store().run(['pull', '-q', '--cert-dir', trust, `${secured.host}/private/app:1`], {
      env,
    });
    expect(pulled.code, pulled.stderr).toBe(0);
  });

  it.runIf(PODMAN_AVAILABLE)('podman trusts the same --cert-dir layout', () => {
    const podman = tempPodmanStore();
    try {
      const r = podman.run(['pull', '-q', '--cert-dir', certDir(), `${open.host}/library/busybox`], {
        env: environment([open]),
      });
      expect(r.code, r.stderr).toBe(0);
      const refused = podman.run(['pull', '-q', `${open.host}/library/busybox`], {
        env: environment([open]),
      });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/x509|certificate/);
    } finally {
      podman.cleanup();
    }
  });
});
