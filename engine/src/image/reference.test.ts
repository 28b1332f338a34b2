import { describe, expect, it } from 'vitest';
import {
  formatReference,
  InvalidReferenceError,
  normalizeReference,
  parseReference,
  resolveShortName,
} from './reference.js';

const full = (input: string) => formatReference(normalizeReference(input));

describe('image references', () => {
  it('normalises as podman does: docker.io, library/ and :latest', () => {
    expect(full('busybox')).toBe('docker.io/library/busybox:latest');
    expect(full('library/busybox')).toBe('docker.io/library/busybox:latest');
    expect(full('docker.io/library/busybox:latest')).toBe('docker.io/library/busybox:latest');
    expect(full('docker.io/busybox:1.36')).toBe('docker.io/library/busybox:1.36');
    expect(full('quay.io/podman/hello')).toBe('quay.io/podman/hello:latest');
    expect(full('localhost/mybox')).toBe('localhost/mybox:latest');
    expect(full('user/repo')).toBe('docker.io/user/repo:latest');
  });

  it('parses host:port, nested paths, tags and digests', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseReference(`127.0.0.1:5000/ns/sub/name:v1.2@${digest}`)).toEqual({
      domain: '127.0.0.1:5000',
      path: 'ns/sub/name',
      tag: 'v1.2',
      digest,
    });
    expect(parseReference('localhost:5000/app')).toEqual({
      domain: 'localhost:5000',
      path: 'app',
      tag: undefined,
      digest: undefined,
    });
    expect(parseReference(`[::1]:5000/app@${digest}`).domain).toBe('[::1]:5000');
    expect(normalizeReference(`busybox@${digest}`)).toEqual({
      domain: 'docker.io',
      path: 'library/busybox',
      digest,
      tag: undefined,
    });
    expect(parseReference('my-repo.name/x-y__z')).toMatchObject({ domain: 'my-repo.name', path: 'x-y__z' });
  });

  it('rejects invalid references with a clear reason', () => {
    expect(() => parseReference('')).toThrow(InvalidReferenceError);
    expect(() => parseReference('BusyBox')).toThrow(/must be lowercase/);
    expect(() => parseReference('busybox:')).toThrow(/tag "" must be/);
    expect(() => parseReference('busybox:-bad')).toThrow(/tag "-bad"/);
    expect(() => parseReference('busybox@sha256:abc')).toThrow(/not a digest/);
    expect(() => parseReference(`busybox@sha256:${'A'.repeat(64)}`)).toThrow(/64 lowercase hex/);
    expect(() => parseReference('busybox@md5:' + 'a'.repeat(32))).toThrow(/not supported/);
    expect(() => parseReference('a//b')).toThrow(/path component/);
    expect(() => parseReference('-bad')).toThrow(/path component/);
    expect(() => parseReference('a'.repeat(64))).toThrow(/64-byte hexadecimal/);
    expect(() => parseReference('has space')).toThrow(/white space/);
    expect(() => parseReference(`x/${'a'.repeat(260)}`)).toThrow(/longer than 255/);
  });

  it('resolves short names through the search registries, docker.io when none', () => {
    expect(resolveShortName('busybox', ['quay.io', 'docker.io']).map(formatReference)).toEqual([
      'quay.io/busybox:latest',
      'docker.io/library/busybox:latest',
    ]);
    expect(resolveShortName('busybox', []).map(formatReference)).toEqual([
      'docker.io/library/busybox:latest',
    ]);
    expect(resolveShortName('registry.example.com/a/b:t', ['quay.io']).map(formatReference)).toEqual([
      'registry.example.com/a/b:t',
    ]);
  });
});
