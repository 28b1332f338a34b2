import { describe, expect, it } from 'vitest';
import { isLoopback, parseListenAddress } from './listen-address.js';

describe('parseListenAddress', () => {
  it('defaults to a socket in the run root and parses unix and tcp addresses', () => {
    expect(parseListenAddress('', '/run/berth')).toEqual({ kind: 'unix', path: '/run/berth/berth.sock' });
    expect(parseListenAddress('unix:///tmp/x.sock', '/r')).toEqual({ kind: 'unix', path: '/tmp/x.sock' });
    expect(parseListenAddress('tcp:127.0.0.1:8888', '/r')).toEqual({
      kind: 'tcp',
      host: '127.0.0.1',
      port: 8888,
    });
    expect(parseListenAddress('tcp://[::1]:2375', '/r')).toEqual({ kind: 'tcp', host: '::1', port: 2375 });
  });
  it('refuses what it cannot listen on, saying what to use', () => {
    expect(() => parseListenAddress('unix://relative', '/r')).toThrow(/absolute path/);
    expect(() => parseListenAddress('http://x', '/r')).toThrow(/unix:\/\/\/path/);
    expect(() => parseListenAddress('tcp:127.0.0.1:99999', '/r')).toThrow(/port/);
  });
  it('knows loopback hosts', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
  });
});
