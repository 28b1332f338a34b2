import { describe, expect, it } from 'vitest';
import { openSshTunnel, sshArguments } from './ssh-tunnel.js';

const uri = {
  kind: 'ssh' as const,
  user: 'core',
  host: 'build.example',
  port: 2222,
  path: '/run/berth/berth.sock',
};

describe('ssh tunnels', () => {
  it('forwards the remote socket to a local one, with the key given, never prompting', () => {
    expect(sshArguments(uri, '/tmp/x/remote.sock', '/home/u/.ssh/id')).toEqual([
      '-N',
      '-o',
      'ExitOnForwardFailure=yes',
      '-o',
      'StreamLocalBindUnlink=yes',
      '-o',
      'BatchMode=yes',
      '-i',
      '/home/u/.ssh/id',
      '-p',
      '2222',
      '-L',
      '/tmp/x/remote.sock:/run/berth/berth.sock',
      'core@build.example',
    ]);
  });
  it('reports an ssh that fails, with where it tried and what to check', async () => {
    await expect(openSshTunnel(uri, { sshCommand: 'false', timeoutMs: 5000 })).rejects.toThrow(
      'unable to connect to Berth socket over ssh core@build.example:2222/run/berth/berth.sock: ssh exited with 1: check the host, the key (--identity) and that the remote service runs',
    );
    await expect(openSshTunnel(uri, { sshCommand: '/nonexistent/ssh', timeoutMs: 5000 })).rejects.toThrow(
      /ENOENT/,
    );
  });
});
