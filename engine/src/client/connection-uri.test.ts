import { describe, expect, it } from 'vitest';
import { parseConnectionUri } from './connection-uri.js';

describe('parseConnectionUri', () => {
  it('reads unix sockets and ssh destinations with their ports and paths', () => {
    expect(parseConnectionUri('unix:///run/berth/berth.sock')).toEqual({
      kind: 'unix',
      path: '/run/berth/berth.sock',
    });
    expect(parseConnectionUri('ssh://core@host.example:2222/run/user/1000/berth.sock')).toEqual({
      kind: 'ssh',
      user: 'core',
      host: 'host.example',
      port: 2222,
      path: '/run/user/1000/berth.sock',
    });
    expect(parseConnectionUri('ssh://[::1]/run/b.sock')).toEqual({
      kind: 'ssh',
      host: '::1',
      port: 22,
      path: '/run/b.sock',
    });
  });
  it('says what to write instead of a bad destination', () => {
    expect(() => parseConnectionUri('http://host/x')).toThrow('unsupported connection scheme "http"');
    expect(() => parseConnectionUri('ssh://host')).toThrow(
      'has no socket path: add the remote socket, as in ssh://host/run/berth/berth.sock',
    );
    expect(() => parseConnectionUri('/run/b.sock')).toThrow('use unix:///path/to/socket');
    expect(() => parseConnectionUri('unix://relative/b.sock')).toThrow('give an absolute socket path');
  });
});
