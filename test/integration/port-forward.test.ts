// The rootless port forwarder (`berth network port-forward`), driven as the engine drives it:
// listening sockets bound here and handed over to a forwarder started by nsenter. Run as root
// with this process's own network namespace as the target side, so a plain TCP echo server and a
// UDP echo socket on 127.0.0.1 stand in for a container; a rootless container's namespace works
// the same way (rootless.test.ts covers that end to end for TCP).
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortForwarder, stopPortForwarder } from '../../engine/src/network/rootless-port-forward.js';
import { randomHostPort } from '../../engine/src/network/host-ports.js';

const runRoot = mkdtempSync(path.join(os.tmpdir(), 'berth-port-forward-'));
const containerId = 'f'.repeat(64);
let echo: Server;
let echoPort = 0;
const udpEcho = createSocket('udp4');
let udpEchoPort = 0;

beforeAll(async () => {
  echo = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoPort = (echo.address() as { port: number }).port;
  udpEcho.on('message', (message, peer) =>
    udpEcho.send(Buffer.from(`echo:${message}`), peer.port, peer.address),
  );
  await new Promise<void>((resolve) => udpEcho.bind(0, '127.0.0.1', resolve));
  udpEchoPort = udpEcho.address().port;
});

afterAll(async () => {
  await stopPortForwarder({ runRoot }, containerId);
  echo.close();
  udpEcho.close();
  rmSync(runRoot, { recursive: true, force: true });
});

function tcpRoundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let reply = '';
    socket.on('data', (c: Buffer) => (reply += c.toString()));
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
  });
}

function udpRoundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error('no UDP reply'));
    }, 3000);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(message.toString());
    });
    socket.send(text, port, '127.0.0.1');
  });
}

describe('the rootless port forwarder', () => {
  it('forwards TCP and UDP host ports into the target namespace until stopped', async () => {
    const tcpPort = await randomHostPort({ host_ip: '127.0.0.1', protocol: 'tcp' });
    const udpPort = await randomHostPort({ host_ip: '127.0.0.1', protocol: 'udp' });
    await startPortForwarder(
      { runRoot },
      {
        containerId,
        netns: '/proc/self/ns/net',
        targetAddress: '127.0.0.1',
        ports: [
          { host_ip: '127.0.0.1', host_port: tcpPort, container_port: echoPort, range: 1, protocol: 'tcp' },
          {
            host_ip: '127.0.0.1',
            host_port: udpPort,
            container_port: udpEchoPort,
            range: 1,
            protocol: 'udp',
          },
        ],
      },
    );
    expect(await tcpRoundTrip(tcpPort, 'hello over tcp')).toBe('hello over tcp');
    expect(await udpRoundTrip(udpPort, 'ping')).toBe('echo:ping');
    await stopPortForwarder({ runRoot }, containerId);
    await expect(tcpRoundTrip(tcpPort, 'x')).rejects.toThrow(/ECONNREFUSED/);
  }, 30_000);

  it('refuses a host port that is taken, saying which', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      await expect(
        startPortForwarder(
          { runRoot },
          {
            containerId,
            netns: '/proc/self/ns/net',
            targetAddress: '127.0.0.1',
            ports: [{ host_ip: '127.0.0.1', host_port: port, container_port: 80, range: 1, protocol: 'tcp' }],
          },
        ),
      ).rejects.toThrow(`listen tcp 127.0.0.1:${port}: bind: address already in use`);
    } finally {
      taken.close();
    }
  });
});
