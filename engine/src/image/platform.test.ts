import { describe, expect, it } from 'vitest';
import { parseManifest, selectPlatformManifest } from './manifest.js';
import { parsePlatform, platformMatches, requestedPlatform } from './platform.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const index = {
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  manifests: [
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: digest('a'),
      size: 1,
      platform: { os: 'linux', architecture: 'amd64' },
    },
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: digest('b'),
      size: 1,
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
    },
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: digest('c'),
      size: 1,
      platform: { os: 'linux', architecture: 'arm', variant: 'v7' },
    },
  ],
};

describe('platforms', () => {
  it('parses --platform and --arch/--os', () => {
    expect(parsePlatform('linux/arm64')).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(parsePlatform('linux/arm/v7')).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
    expect(parsePlatform('linux/aarch64').architecture).toBe('arm64');
    expect(() => parsePlatform('linux')).toThrow(/os\/arch/);
    expect(requestedPlatform({ arch: 'arm64' })).toMatchObject({ os: 'linux', architecture: 'arm64' });
    expect(() => requestedPlatform({ platform: 'linux/amd64', arch: 'arm64' })).toThrow(/cannot be combined/);
    expect(
      platformMatches(
        { os: 'linux', architecture: 'arm64' },
        { os: 'linux', architecture: 'arm64', variant: 'v8' },
      ),
    ).toBe(true);
  });

  it('selects the manifest for a platform from an index, or explains what is offered', () => {
    const parsed = parseManifest(Buffer.from(JSON.stringify(index)), '', 'test');
    if (parsed.kind !== 'index') throw new Error('expected an index');
    expect(selectPlatformManifest(parsed.index, { os: 'linux', architecture: 'arm64' }, 'x').digest).toBe(
      digest('b'),
    );
    expect(
      selectPlatformManifest(parsed.index, { os: 'linux', architecture: 'arm', variant: 'v7' }, 'x').digest,
    ).toBe(digest('c'));
    expect(() => selectPlatformManifest(parsed.index, { os: 'linux', architecture: 's390x' }, 'x')).toThrow(
      /linux\/amd64, linux\/arm64\/v8, linux\/arm\/v7/,
    );
  });

  it('rejects malformed and schema 1 manifests', () => {
    expect(() => parseManifest(Buffer.from('{'), '', 'm')).toThrow(/not valid JSON/);
    expect(() => parseManifest(Buffer.from('{"schemaVersion":1}'), '', 'm')).toThrow(/schema 1/);
    expect(() =>
      parseManifest(Buffer.from('{"schemaVersion":2,"layers":[],"config":{"digest":"x","size":1}}'), '', 'm'),
    ).toThrow(/malformed image manifest: config\.digest/);
  });
});
