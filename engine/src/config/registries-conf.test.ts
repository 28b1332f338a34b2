import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  findRegistryEntry,
  isLoopbackHost,
  loadRegistriesConf,
  parseRegistriesConf,
  pullSources,
  RegistriesConfError,
} from './registries-conf.js';

const dirs: string[] = [];
function temp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'berth-regconf-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const V2 = `
unqualified-search-registries = ["quay.io", "docker.io"]
short-name-mode = "enforcing"

[[registry]]
prefix = "docker.io"
location = "docker.io"
[[registry.mirror]]
location = "127.0.0.1:5000"

[[registry]]
prefix = "example.com/team"
location = "internal.example.com:5000/mirror/team"
insecure = true

[[registry]]
location = "blocked.example.com"
blocked = true

[[registry]]
prefix = "*.corp.example"
insecure = true
`;

describe('registries.conf', () => {
  it('parses the v2 format', () => {
    const parsed = parseRegistriesConf(V2, 'test.conf');
    expect(parsed.search).toEqual(['quay.io', 'docker.io']);
    expect(parsed.shortNameMode).toBe('enforcing');
    expect(parsed.entries).toHaveLength(4);
    expect(parsed.entries[0]!.mirrors).toEqual([{ location: '127.0.0.1:5000', insecure: false }]);
    expect(parsed.entries[2]).toMatchObject({ prefix: 'blocked.example.com', blocked: true });
  });

  it('parses the v1 format', () => {
    const parsed = parseRegistriesConf(
      '[registries.search]\nregistries = ["docker.io"]\n[registries.insecure]\nregistries = ["my:5000"]\n[registries.block]\nregistries = ["bad.io"]\n',
      'v1.conf',
    );
    expect(parsed.search).toEqual(['docker.io']);
    expect(parsed.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ prefix: 'my:5000', insecure: true }),
        expect.objectContaining({ prefix: 'bad.io', blocked: true }),
      ]),
    );
  });

  it('reports syntax errors with the file name', () => {
    expect(() => parseRegistriesConf('unqualified-search-registries = [', '/etc/x.conf')).toThrow(
      /\/etc\/x\.conf/,
    );
    expect(() => parseRegistriesConf('[[registry]]\ninsecure = "yes"\nlocation = "a"', 'x.conf')).toThrow(
      RegistriesConfError,
    );
  });

  it('follows CONTAINERS_REGISTRIES_CONF, else the user file over the system file, plus drop-ins', () => {
    const dir = temp();
    const explicit = path.join(dir, 'explicit.conf');
    writeFileSync(explicit, 'unqualified-search-registries = ["explicit.io"]');
    expect(loadRegistriesConf({ CONTAINERS_REGISTRIES_CONF: explicit }).unqualifiedSearchRegistries).toEqual([
      'explicit.io',
    ]);
    expect(() => loadRegistriesConf({ CONTAINERS_REGISTRIES_CONF: path.join(dir, 'missing.conf') })).toThrow(
      /missing\.conf/,
    );
    const home = path.join(dir, 'home');
    mkdirSync(path.join(home, '.config', 'containers', 'registries.conf.d'), { recursive: true });
    writeFileSync(
      path.join(home, '.config', 'containers', 'registries.conf'),
      'unqualified-search-registries = ["user.io"]',
    );
    writeFileSync(
      path.join(home, '.config', 'containers', 'registries.conf.d', '50-extra.conf'),
      '[[registry]]\nlocation = "extra.io"\ninsecure = true',
    );
    const conf = loadRegistriesConf({ HOME: home });
    expect(conf.unqualifiedSearchRegistries).toEqual(['user.io']);
    expect(findRegistryEntry(conf, 'extra.io/a/b')?.insecure).toBe(true);
  });

  it('picks the most specific prefix and rewrites to mirrors then the location', () => {
    const parsed = parseRegistriesConf(V2, 'test.conf');
    const conf = {
      unqualifiedSearchRegistries: [],
      shortNameMode: 'permissive',
      registries: parsed.entries,
      sources: ['test.conf'],
    };
    expect(pullSources(conf, 'docker.io/library/busybox', false)).toEqual([
      { registry: '127.0.0.1:5000', repository: 'library/busybox', insecure: true, mirror: true },
      { registry: 'docker.io', repository: 'library/busybox', insecure: false, mirror: false },
    ]);
    expect(pullSources(conf, 'example.com/team/app', false)).toEqual([
      { registry: 'internal.example.com:5000', repository: 'mirror/team/app', insecure: true, mirror: false },
    ]);
    expect(pullSources(conf, 'example.com/other/app', false)[0]).toMatchObject({
      registry: 'example.com',
      insecure: false,
    });
    expect(pullSources(conf, 'a.corp.example/x', false)[0]).toMatchObject({
      registry: 'a.corp.example',
      repository: 'x',
      insecure: true,
    });
    expect(() => pullSources(conf, 'blocked.example.com/x', false)).toThrow(/blocked/);
  });

  it('treats loopback as insecure by default; --tls-verify overrides', () => {
    const conf = {
      unqualifiedSearchRegistries: [],
      shortNameMode: 'permissive',
      registries: [],
      sources: [],
    };
    expect(pullSources(conf, '127.0.0.1:5000/a', false)[0]!.insecure).toBe(true);
    expect(pullSources(conf, 'localhost:5000/a', false)[0]!.insecure).toBe(true);
    expect(pullSources(conf, 'quay.io/a', false)[0]!.insecure).toBe(false);
    expect(pullSources(conf, 'quay.io/a', false, false)[0]!.insecure).toBe(true);
    expect(pullSources(conf, '127.0.0.1:5000/a', false, true)[0]!.insecure).toBe(false);
    expect(isLoopbackHost('127.1.2.3:80')).toBe(true);
    expect(isLoopbackHost('[::1]:5000')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
  });

  it('verifies a loopback registry whose entry says insecure = false; leaves it insecure when unsaid', () => {
    const parsed = parseRegistriesConf(
      '[[registry]]\nlocation = "127.0.0.1:5000"\ninsecure = false\n[[registry]]\nlocation = "127.0.0.1:5001"\n',
      'x.conf',
    );
    const conf = {
      unqualifiedSearchRegistries: [],
      shortNameMode: 'permissive',
      registries: parsed.entries,
      sources: ['x.conf'],
    };
    expect(pullSources(conf, '127.0.0.1:5000/a', false)[0]!.insecure).toBe(false);
    expect(pullSources(conf, '127.0.0.1:5000/a', false, false)[0]!.insecure).toBe(true);
    expect(pullSources(conf, '127.0.0.1:5001/a', false)[0]!.insecure).toBe(true);
  });
});
