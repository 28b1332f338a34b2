// The CLI skeleton: version, info, help, and podman's exit codes and messages for bad usage.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBerth, tempStore } from './helpers/berth-cli.js';

const store = tempStore();
afterAll(() => store.cleanup());

describe('berth CLI basics', () => {
  it('prints its version', async () => {
    const r = await runBerth(['version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Client:\s+Berth Engine\nVersion:\s+\d+\.\d+\.\d+/);
    expect(r.stdout).toMatch(/OS\/Arch:\s+linux\/amd64/);
  });

  it('formats version with a Go template and as JSON', async () => {
    const t = await runBerth(['version', '--format', '{{.Client.Version}}']);
    expect(t.code).toBe(0);
    expect(t.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const j = await runBerth(['version', '--format', 'json']);
    expect(JSON.parse(j.stdout).Client.APIVersion).toBeTruthy();
  });

  it('keeps a code cache per command, and runs the same over a missing or damaged one', async () => {
    const cacheHome = mkdtempSync(path.join(os.tmpdir(), 'berth-cache-home-'));
    try {
      const env = { XDG_CACHE_HOME: cacheHome };
      const first = await store.run(['ps', '-a', '--format', 'json'], { env });
      expect(first.code, first.stderr).toBe(0);
      const [versionDir] = readdirSync(path.join(cacheHome, 'berth', 'code-cache'));
      const psCache = path.join(cacheHome, 'berth', 'code-cache', versionDir!, 'ps');
      const cached = readdirSync(psCache);
      expect(cached.length).toBeGreaterThan(1);
      expect(cached.every((name) => name.endsWith('.cjs.v8'))).toBe(true);
      for (const name of cached) writeFileSync(path.join(psCache, name), 'damaged');
      const second = await store.run(['ps', '-a', '--format', 'json'], { env });
      expect(second).toEqual(first);
      const third = await store.run(['ps', '-a', '--format', 'json'], { env });
      expect(third).toEqual(first);
      const off = await store.run(['ps', '-a', '--format', 'json'], {
        env: { ...env, BERTH_CODE_CACHE: '0' },
      });
      expect(off).toEqual(first);
    } finally {
      rmSync(cacheHome, { recursive: true, force: true });
    }
  });

  it('answers --version like podman', async () => {
    const r = await runBerth(['--version']);
    expect(r.stdout).toMatch(/^berth version \d+\.\d+\.\d+/);
  });

  it('reports host, runtime and store paths in info', async () => {
    const r = await store.run(['info', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.store.graphRoot).toBe(store.root);
    expect(info.store.runRoot).toBe(store.runroot);
    expect(info.host.ociRuntime.name).toMatch(/^(runc|crun)$/);
    expect(info.host.ociRuntime.version).toMatch(/version/);
    expect(info.host.conmon.path).toMatch(/conmon$/);
    expect(info.host.security.rootless).toBe(process.getuid!() !== 0);
    const t = await store.run(['info', '--format', '{{.Host.OCIRuntime.Name}}']);
    expect(t.stdout.trim()).toBe(info.host.ociRuntime.name);
  });

  it('prints info as YAML by default', async () => {
    const r = await store.run(['info']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^host:\n/m);
    expect(r.stdout).toContain(`graphRoot: ${store.root}`);
  });

  it('gives help for every command, with exit 0', async () => {
    for (const args of [
      ['--help'],
      ['help'],
      ['version', '--help'],
      ['info', '-h'],
      ['system', '--help'],
      ['help', 'system', 'info'],
    ]) {
      const r = await runBerth(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage:');
    }
    const info = await runBerth(['system', 'info', '--help']);
    expect(info.stdout).toContain('berth system info [options]');
    expect(info.stdout).toContain('--format');
  });

  it('rejects an unknown command with Error: and exit 125', async () => {
    const r = await runBerth(['frobnicate']);
    expect(r.code).toBe(125);
    expect(r.stderr).toMatch(/^Error: unrecognized command `berth frobnicate`/);
  });

  it('rejects an unknown flag with Error: and exit 125', async () => {
    const r = await runBerth(['version', '--bogus']);
    expect(r.code).toBe(125);
    expect(r.stderr).toContain('Error: unknown flag: --bogus');
    expect(r.stderr).toContain("See 'berth version --help'");
  });

  it('rejects unexpected arguments and a bad log level', async () => {
    expect((await runBerth(['version', 'extra'])).code).toBe(125);
    const r = await runBerth(['--log-level', 'loud', 'version']);
    expect(r.code).toBe(125);
    expect(r.stderr).toContain('Error: "loud" is not a valid log level');
  });

  it('without a command prints help and fails like podman', async () => {
    const r = await runBerth([]);
    expect(r.code).toBe(125);
    expect(r.stdout).toContain('Available Commands:');
    expect(r.stderr).toContain("Error: missing command 'berth COMMAND'");
  });
});
