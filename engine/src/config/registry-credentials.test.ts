import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CredentialsError,
  lookupCredentials,
  normalizeAuthKey,
  parseCredsFlag,
} from './registry-credentials.js';

const dirs: string[] = [];
function temp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'berth-auth-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('registry credentials', () => {
  it('parses --creds', () => {
    expect(parseCredsFlag('u:p:w')).toEqual({ username: 'u', password: 'p:w' });
    expect(parseCredsFlag('u')).toEqual({ username: 'u', password: '' });
    expect(() => parseCredsFlag(':p')).toThrow(CredentialsError);
  });

  it('normalises docker-style keys', () => {
    expect(normalizeAuthKey('https://index.docker.io/v1/')).toBe('docker.io');
    expect(normalizeAuthKey('http://127.0.0.1:5000')).toBe('127.0.0.1:5000');
    expect(normalizeAuthKey('quay.io/org/repo')).toBe('quay.io/org/repo');
  });

  it('reads XDG_RUNTIME_DIR auth.json first, then docker config, most specific key first', () => {
    const dir = temp();
    const runtime = path.join(dir, 'run');
    const home = path.join(dir, 'home');
    mkdirSync(path.join(runtime, 'containers'), { recursive: true });
    mkdirSync(path.join(home, '.docker'), { recursive: true });
    writeFileSync(
      path.join(runtime, 'containers', 'auth.json'),
      JSON.stringify({
        auths: { 'quay.io': { auth: b64('host:pw') }, 'quay.io/org/repo': { auth: b64('repo:pw') } },
      }),
    );
    writeFileSync(
      path.join(home, '.docker', 'config.json'),
      JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth: b64('hub:pw') } } }),
    );
    const env = { XDG_RUNTIME_DIR: runtime, HOME: home };
    expect(lookupCredentials('quay.io', 'org/repo', { env })).toEqual({ username: 'repo', password: 'pw' });
    expect(lookupCredentials('quay.io', 'org/other', { env })).toEqual({ username: 'host', password: 'pw' });
    expect(lookupCredentials('docker.io', 'library/busybox', { env })).toEqual({
      username: 'hub',
      password: 'pw',
    });
    expect(lookupCredentials('ghcr.io', 'x/y', { env })).toBeUndefined();
    expect(lookupCredentials('ghcr.io', 'x/y', { env, creds: 'a:b' })).toEqual({
      username: 'a',
      password: 'b',
    });
  });

  it('uses only --authfile or REGISTRY_AUTH_FILE when given', () => {
    const dir = temp();
    const file = path.join(dir, 'auth.json');
    writeFileSync(file, JSON.stringify({ auths: { 'r.io': { auth: b64('f:pw') } } }));
    expect(lookupCredentials('r.io', 'a', { env: { REGISTRY_AUTH_FILE: file, HOME: dir } })).toEqual({
      username: 'f',
      password: 'pw',
    });
    expect(lookupCredentials('r.io', 'a', { env: { HOME: dir }, authfile: file })).toEqual({
      username: 'f',
      password: 'pw',
    });
    writeFileSync(file, '{not json');
    expect(() => lookupCredentials('r.io', 'a', { env: { HOME: dir }, authfile: file })).toThrow(
      /not valid JSON/,
    );
  });
});
