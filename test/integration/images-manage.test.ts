// Local image management against pulled fixture images: images / image ls (filters, formats,
// digests), inspect, history, tag, untag, rmi, image prune — podman's output and exit codes.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tempStore } from './helpers/berth-cli.js';

const registry = () => inject('registryHost');
const store = tempStore();
let busyboxId = '';
let httpdId = '';

beforeAll(async () => {
  const a = await store.run(['pull', '-q', `${registry()}/library/busybox`]);
  const b = await store.run(['pull', '-q', `${registry()}/library/httpd`]);
  if (a.code !== 0 || b.code !== 0) throw new Error(`fixture pulls failed: ${a.stderr}${b.stderr}`);
  busyboxId = a.stdout.trim();
  httpdId = b.stdout.trim();
});
afterAll(() => store.cleanup());

describe('berth images', () => {
  it("prints podman's table", async () => {
    const r = await store.run(['images']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$/);
    expect(lines).toHaveLength(3);
    const busybox = lines.find((l) => l.includes('library/busybox'))!;
    expect(busybox).toMatch(
      new RegExp(
        `^${registry()}/library/busybox\\s+latest\\s+${busyboxId.slice(0, 12)}\\s+\\d+ (years|months|weeks|days) ago\\s+2\\.13 MB$`,
      ),
    );
    const ls = await store.run(['image', 'ls']);
    expect(ls.stdout).toBe(r.stdout);
  });

  it('supports -q, --no-trunc, --digests and --noheading', async () => {
    expect((await store.run(['images', '-q'])).stdout.trim().split('\n').sort()).toEqual(
      [busyboxId.slice(0, 12), httpdId.slice(0, 12)].sort(),
    );
    const noTrunc = await store.run(['images', '--no-trunc', '-q']);
    expect(noTrunc.stdout).toContain(`sha256:${busyboxId}`);
    const digests = await store.run(['images', '--digests']);
    expect(digests.stdout.split('\n')[0]).toMatch(/^REPOSITORY\s+TAG\s+DIGEST\s+IMAGE ID\s+CREATED\s+SIZE$/);
    expect(digests.stdout).toMatch(/sha256:[a-f0-9]{64}/);
    const noHeading = await store.run(['images', '--noheading']);
    expect(noHeading.stdout).not.toContain('REPOSITORY');
  });

  it('filters by reference, dangling, label, before and since', async () => {
    const ids = async (...filters: string[]) =>
      (await store.run(['images', '-q', ...filters.flatMap((f) => ['--filter', f])])).stdout
        .trim()
        .split('\n')
        .filter(Boolean);
    expect(await ids('reference=*busybox*')).toEqual([busyboxId.slice(0, 12)]);
    expect(await ids('reference=httpd')).toEqual([httpdId.slice(0, 12)]);
    expect(await ids('reference=library/busybox:latest')).toEqual([busyboxId.slice(0, 12)]);
    expect(await ids('dangling=true')).toEqual([]);
    expect((await ids('dangling=false')).sort()).toEqual(
      [busyboxId.slice(0, 12), httpdId.slice(0, 12)].sort(),
    );
    expect(await ids('label=nope')).toEqual([]);
    // Both fixtures share a creation time: neither is before or since the other.
    expect(await ids(`before=${busyboxId}`)).toEqual([]);
    expect(await ids(`since=${httpdId}`)).toEqual([]);
    const positional = await store.run(['images', '-q', 'busybox']);
    expect(positional.stdout.trim()).toBe(busyboxId.slice(0, 12));
    const bad = await store.run(['images', '--filter', 'colour=blue']);
    expect(bad.code).toBe(125);
    expect(bad.stderr).toMatch(/^Error: invalid image filter "colour"/);
  });

  it('formats as JSON and with Go templates', async () => {
    const json = JSON.parse((await store.run(['images', '--format', 'json'])).stdout) as Record<
      string,
      unknown
    >[];
    expect(json).toHaveLength(2);
    const busybox = json.find((i) => i.Id === busyboxId)!;
    expect(busybox).toMatchObject({
      Names: [`${registry()}/library/busybox:latest`],
      Size: 2133189,
      Containers: 0,
      CreatedAt: '2024-01-01T00:00:00Z',
    });
    expect(busybox.RepoDigests).toEqual([expect.stringMatching(/@sha256:[a-f0-9]{64}$/)]);
    const template = await store.run(['images', '--format', '{{.ID}} {{.Size}}', '--sort', 'repository']);
    expect(template.stdout).toBe(`${busyboxId.slice(0, 12)} 2.13 MB\n${httpdId.slice(0, 12)} 2.14 MB\n`);
    const table = await store.run([
      'images',
      '--format',
      'table {{.Repository}}\t{{.ID}}',
      '--sort',
      'repository',
    ]);
    expect(table.stdout.split('\n')[0]).toMatch(/^REPOSITORY\s+IMAGE ID$/);
  });
});

describe('berth image inspect / inspect', () => {
  it("prints podman's fields", async () => {
    const r = await store.run(['image', 'inspect', `${registry()}/library/httpd`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\[\n {5}\{\n {10}"Id": /);
    const [image] = JSON.parse(r.stdout) as Record<string, unknown>[];
    for (const field of [
      'Id',
      'Digest',
      'RepoTags',
      'RepoDigests',
      'Parent',
      'Comment',
      'Created',
      'Config',
      'Version',
      'Author',
      'Architecture',
      'Os',
      'Size',
      'VirtualSize',
      'GraphDriver',
      'RootFS',
      'Labels',
      'Annotations',
      'ManifestType',
      'User',
      'History',
      'NamesHistory',
    ])
      expect(image, field).toHaveProperty(field);
    expect(image).toMatchObject({
      Id: httpdId,
      RepoTags: [`${registry()}/library/httpd:latest`],
      Architecture: 'amd64',
      Os: 'linux',
      Config: {
        Cmd: ['httpd', '-f', '-p', '80', '-h', '/www'],
        ExposedPorts: { '80/tcp': {} },
        WorkingDir: '/www',
      },
      ManifestType: 'application/vnd.oci.image.manifest.v1+json',
      NamesHistory: [`${registry()}/library/httpd:latest`],
    });
    const rootfs = image!.RootFS as { Layers: string[] };
    expect(rootfs.Layers).toHaveLength(2);
    const driver = image!.GraphDriver as { Name: string; Data: { UpperDir: string; LowerDir: string } };
    expect(driver.Name).toBe('overlay');
    expect(existsSync(driver.Data.UpperDir)).toBe(true);
    expect(existsSync(driver.Data.LowerDir)).toBe(true);
  });

  it('finds images by short name, short ID and full ID; formats with templates', async () => {
    for (const ref of ['busybox', busyboxId.slice(0, 12), `sha256:${busyboxId}`, 'library/busybox:latest']) {
      const r = await store.run(['inspect', '--format', '{{.Id}}', ref]);
      expect(r.stdout, ref).toBe(`${busyboxId}\n`);
    }
    const type = await store.run([
      'inspect',
      '--type',
      'image',
      '--format',
      '{{.Os}}/{{.Architecture}}',
      'httpd',
    ]);
    expect(type.stdout).toBe('linux/amd64\n');
  });

  it('fails with exit 125 for an unknown image', async () => {
    const r = await store.run(['image', 'inspect', 'nothing-here']);
    expect(r.code).toBe(125);
    expect(r.stdout).toBe('[]\n');
    expect(r.stderr).toBe('Error: no such image: nothing-here\n');
  });
});

describe('berth history', () => {
  it('lists the steps newest first, with layer sizes and local image IDs', async () => {
    const r = await store.run(['history', 'httpd']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+CREATED\s+CREATED BY\s+SIZE\s+COMMENT$/);
    expect(lines[1]).toMatch(
      new RegExp(`^${httpdId.slice(0, 12)}\\s+\\d+ \\w+ ago\\s+COPY index.html /www/\\s+2.56 kB`),
    );
    expect(lines[2]).toMatch(
      new RegExp(`^${busyboxId.slice(0, 12)}\\s+\\d+ \\w+ ago\\s+ADD busybox-static /\\s+2.13 MB`),
    );
    const json = JSON.parse((await store.run(['history', '--format', 'json', 'httpd'])).stdout);
    expect(json[1]).toMatchObject({ id: busyboxId, CreatedBy: 'ADD busybox-static /', size: 2131968 });
    expect((await store.run(['history', '-q', '--no-trunc', 'busybox'])).stdout).toBe(`${busyboxId}\n`);
  });
});

describe('berth tag / untag / rmi / image prune', () => {
  it('tags with localhost/ for short names and untags', async () => {
    expect((await store.run(['tag', 'busybox', 'mybox', 'example.com/team/box:v1'])).code).toBe(0);
    const names = JSON.parse((await store.run(['image', 'inspect', 'busybox'])).stdout)[0].RepoTags;
    expect(names).toEqual([
      `${registry()}/library/busybox:latest`,
      'localhost/mybox:latest',
      'example.com/team/box:v1',
    ]);
    expect((await store.run(['images', '-q', 'mybox'])).stdout.trim()).toBe(busyboxId.slice(0, 12));
    expect((await store.run(['untag', 'busybox', 'example.com/team/box:v1'])).code).toBe(0);
    const bad = await store.run(['untag', 'busybox', 'never:tagged']);
    expect(bad.code).toBe(125);
    expect(bad.stderr).toMatch(/^Error: never:tagged: tag not known/);
    const missing = await store.run(['tag', 'no-such-image', 'x']);
    expect(missing.code).toBe(125);
    expect(missing.stderr).toMatch(/^Error: no-such-image: image not known/);
  });

  it('rmi by name untags while other names remain; by ID needs -f with several tags', async () => {
    const byName = await store.run(['rmi', 'mybox']);
    expect(byName).toMatchObject({ code: 0, stdout: 'Untagged: localhost/mybox:latest\n' });
    await store.run(['tag', 'busybox', 'second']);
    const byId = await store.run(['rmi', busyboxId.slice(0, 12)]);
    expect(byId.code).toBe(2);
    expect(byId.stderr).toMatch(/more than one tag .* please force removal/);
    const forced = await store.run(['rmi', '-f', busyboxId.slice(0, 12)]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain(`Deleted: ${busyboxId}`);
    // httpd still shares busybox's layer: it stays on disk.
    expect(readdirSync(path.join(store.root, 'layers'))).toHaveLength(2);
    const gone = await store.run(['rmi', 'busybox']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^Error: busybox: image not known/);
    expect((await store.run(['rmi', '-i', 'busybox'])).code).toBe(0);
  });

  it('untag of every name leaves a dangling image; prune removes it; prune -a removes the rest', async () => {
    expect((await store.run(['pull', '-q', `${registry()}/library/busybox`])).code).toBe(0);
    expect((await store.run(['untag', 'httpd'])).code).toBe(0);
    expect((await store.run(['images', '-q', '--filter', 'dangling=true'])).stdout.trim()).toBe(
      httpdId.slice(0, 12),
    );
    const table = await store.run(['images']);
    expect(table.stdout).toMatch(new RegExp(`<none>\\s+<none>\\s+${httpdId.slice(0, 12)}`));
    const pruned = await store.run(['image', 'prune', '-f']);
    expect(pruned).toMatchObject({ code: 0, stdout: `${httpdId}\n` });
    expect((await store.run(['images', '-q'])).stdout.trim()).toBe(busyboxId.slice(0, 12));
    const all = await store.run(['image', 'prune', '-a', '-f']);
    expect(all.stdout).toBe(`${busyboxId}\n`);
    expect((await store.run(['images', '-q'])).stdout).toBe('');
    expect(readdirSync(path.join(store.root, 'layers'))).toEqual([]);
    expect(readdirSync(path.join(store.root, 'blobs', 'sha256'))).toEqual([]);
  });

  it('rmi -a removes every image; info counts images', async () => {
    await store.run(['pull', '-q', `${registry()}/library/busybox`]);
    await store.run(['pull', '-q', `${registry()}/library/httpd`]);
    const info = JSON.parse((await store.run(['info', '--format', 'json'])).stdout);
    expect(info.store.imageStore.number).toBe(2);
    const r = await store.run(['image', 'rm', '-a']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/^Deleted: /gm)).toHaveLength(2);
    expect((await store.run(['images', '-q'])).stdout).toBe('');
    const usage = await store.run(['rmi']);
    expect(usage.code).toBe(125);
    expect(usage.stderr).toMatch(/image name or ID must be specified/);
  });
});
