// manifest.ts validates without zod; these cases check that it agrees with the zod schemas it
// stands for (manifest-schemas.ts): same data out (defaults, dropped or kept fields, key order),
// and refusal of the same documents.
import { describe, expect, it } from 'vitest';
import { imageConfigSchema, indexSchema, manifestSchema } from './manifest-schemas.js';
import { parseImageConfig, parseManifest } from './manifest.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const layer = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: digest('1'), size: 10 };

const manifests: unknown[] = [
  { schemaVersion: 2, config: { digest: digest('a'), size: 5 }, layers: [layer] },
  {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digest('a'), size: 5, extra: 1 },
    layers: [{ ...layer, urls: ['http://x'], annotations: { a: 'b' }, data: 'ignored' }],
    annotations: { 'org.opencontainers.image.created': 'now' },
    subject: { digest: digest('f') },
  },
];

const indexes: unknown[] = [
  {
    schemaVersion: 2,
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: digest('b'),
        size: 3,
        platform: { architecture: 'arm64', os: 'linux', variant: 'v8', features: ['x'] },
      },
    ],
  },
];

const configs: unknown[] = [
  { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [digest('c')] } },
  {
    zzz: { kept: true },
    created: '2024-01-01T00:00:00Z',
    architecture: 'arm',
    variant: 'v7',
    os: 'linux',
    config: {
      Env: ['A=1'],
      Cmd: null,
      Labels: { a: 'b' },
      ExposedPorts: { '80/tcp': {} },
      Healthcheck: { Test: ['NONE'] },
    },
    rootfs: { type: 'layers', diff_ids: [digest('c'), digest('d')], other: 1 },
    history: [{ created_by: 'x', empty_layer: true, unknown: 2 }],
    docker_version: '24',
    extra: 'kept',
  },
  { architecture: 'amd64', os: 'linux', config: null, rootfs: { type: 'layers', diff_ids: [] } },
];

const bad: unknown[] = [
  { schemaVersion: 2, config: { digest: 'x', size: 1 }, layers: [] },
  { schemaVersion: 2, config: { digest: digest('a'), size: -1 }, layers: [] },
  { schemaVersion: 2, config: { digest: digest('a'), size: 1.5 }, layers: [] },
  { schemaVersion: 2, config: { digest: digest('a'), size: 1, mediaType: null }, layers: [] },
  { schemaVersion: 3, config: { digest: digest('a'), size: 1 }, layers: [] },
  { schemaVersion: 2, config: { digest: digest('a'), size: 1 }, layers: [{ digest: digest('b') }] },
  { schemaVersion: 2, config: { digest: digest('a'), size: 1 }, layers: [], annotations: { a: 1 } },
  { schemaVersion: 2, layers: [] },
];

const badConfigs: unknown[] = [
  { architecture: 'amd64', rootfs: { type: 'layers', diff_ids: [] } },
  { architecture: 'amd64', os: 'linux', rootfs: { type: 'other', diff_ids: [] } },
  { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: ['x'] } },
  { architecture: 'amd64', os: 'linux', config: { Env: [1] }, rootfs: { type: 'layers', diff_ids: [] } },
  {
    architecture: 'amd64',
    os: 'linux',
    history: [{ empty_layer: 'no' }],
    rootfs: { type: 'layers', diff_ids: [] },
  },
];

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('manifest validation agrees with the zod schemas', () => {
  it('gives the same manifests, indexes and configs', () => {
    for (const m of manifests) {
      const parsed = parseManifest(json(m), '', 'm');
      expect(parsed.kind).toBe('manifest');
      if (parsed.kind === 'manifest')
        expect(JSON.stringify(parsed.manifest)).toBe(JSON.stringify(manifestSchema.parse(m)));
    }
    for (const i of indexes) {
      const parsed = parseManifest(json(i), '', 'i');
      expect(parsed.kind).toBe('index');
      if (parsed.kind === 'index')
        expect(JSON.stringify(parsed.index)).toBe(JSON.stringify(indexSchema.parse(i)));
    }
    for (const c of configs)
      expect(JSON.stringify(parseImageConfig(json(c), 'c'))).toBe(JSON.stringify(imageConfigSchema.parse(c)));
  });

  it('refuses what the schemas refuse, naming the field', () => {
    for (const m of bad) {
      expect(manifestSchema.safeParse(m).success).toBe(false);
      const field = manifestSchema.safeParse(m).error!.issues[0]!.path.join('.');
      expect(() => parseManifest(json(m), '', 'm')).toThrow(`malformed image manifest: ${field}`);
    }
    for (const c of badConfigs) {
      expect(imageConfigSchema.safeParse(c).success).toBe(false);
      const field = imageConfigSchema.safeParse(c).error!.issues[0]!.path.join('.');
      expect(() => parseImageConfig(json(c), 'c')).toThrow(`malformed image config: ${field}`);
    }
  });
});
