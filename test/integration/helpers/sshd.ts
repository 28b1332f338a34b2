// A private sshd on 127.0.0.1 for ssh:// connection tests: its own host key, one client key
// allowed to log in as the current user, nothing of the machine's own ssh set-up read or
// changed. The client side is the system's ssh, found first on PATH as a small wrapper that adds
// this server's known_hosts file (ssh reads ~/.ssh from the password database, not $HOME, so a
// test cannot point it elsewhere through the environment).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pickFreePort } from '../../../engine/src/machine/qemu/free-port.js';

export const SSHD_BINARY = '/usr/sbin/sshd';

export interface TestSshd {
  port: number;
  /** The client's private key (for --identity). */
  identity: string;
  /** PATH with the ssh wrapper first. */
  path: string;
  stop(): Promise<void>;
}

function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`sshd exited ${child.exitCode}: ${log()}`));
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`sshd did not listen on ${port} in 10 s: ${log()}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export async function startSshd(): Promise<TestSshd> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-sshd-'));
  chmodSync(dir, 0o700);
  const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  keygen(path.join(dir, 'host_key'));
  keygen(path.join(dir, 'client_key'));
  writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(path.join(dir, 'client_key.pub')));
  const port = await pickFreePort();
  writeFileSync(
    path.join(dir, 'known_hosts'),
    `[127.0.0.1]:${port} ${readFileSync(path.join(dir, 'host_key.pub'), 'utf8')}`,
  );
  writeFileSync(
    path.join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${path.join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'AllowStreamLocalForwarding yes',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  // sshd refuses to start without its privilege separation directory (made by the service unit).
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(
    path.join(bin, 'ssh'),
    `#!/bin/sh\nexec /usr/bin/ssh -o UserKnownHostsFile=${path.join(dir, 'known_hosts')} "$@"\n`,
    { mode: 0o755 },
  );
  const child = spawn(SSHD_BINARY, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  await waitForPort(port, child, () => log);
  return {
    port,
    identity: path.join(dir, 'client_key'),
    path: `${bin}:${process.env.PATH ?? ''}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
