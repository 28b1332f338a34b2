// An ssh connection's socket, forwarded for the duration of a command: the system's `ssh -N -L
// local.sock:remote.sock` (the user's ssh config, agent and known_hosts apply; `--identity`
// adds a key). The local socket lives in a private temporary directory removed on close.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConnectionUri } from './connection-uri.js';

export interface SshTunnel {
  socketPath: string;
  close(): Promise<void>;
}

export function sshArguments(
  uri: Extract<ConnectionUri, { kind: 'ssh' }>,
  localSocket: string,
  identity?: string,
): string[] {
  return [
    '-N',
    '-o',
    'ExitOnForwardFailure=yes',
    '-o',
    'StreamLocalBindUnlink=yes',
    // A command must not hang on a password prompt: keys or the agent only.
    '-o',
    'BatchMode=yes',
    ...(identity ? ['-i', identity] : []),
    '-p',
    String(uri.port),
    '-L',
    `${localSocket}:${uri.path}`,
    uri.user ? `${uri.user}@${uri.host}` : uri.host,
  ];
}

export async function openSshTunnel(
  uri: Extract<ConnectionUri, { kind: 'ssh' }>,
  options: { identity?: string; timeoutMs?: number; sshCommand?: string } = {},
): Promise<SshTunnel> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-ssh-'));
  const socketPath = path.join(dir, 'remote.sock');
  const child: ChildProcess = spawn(
    options.sshCommand ?? 'ssh',
    sshArguments(uri, socketPath, options.identity),
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const where = `${uri.user ? `${uri.user}@` : ''}${uri.host}:${uri.port}`;
  while (!existsSync(socketPath)) {
    if (spawnError || child.exitCode !== null || Date.now() > deadline) {
      await close();
      const reason = spawnError
        ? spawnError.message
        : stderr.trim() || (child.exitCode !== null ? `ssh exited with ${child.exitCode}` : 'timed out');
      throw Object.assign(
        new Error(
          `unable to connect to Berth socket over ssh ${where}${uri.path}: ${reason}: check the host, the key (--identity) and that the remote service runs`,
        ),
        { exitCode: 125 },
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { socketPath, close };
}
