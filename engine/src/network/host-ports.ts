// Host ports for published container ports. netavark only writes DNAT rules: nothing on the host
// listens, so nothing stops two containers from claiming one port. The engine checks instead: a
// port already forwarded to another container of the store (the database, under the allocation
// transaction) or bound by a host process (a probe bind) is refused before anything is set up.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { PortInUseError } from './network-errors.js';
import type { NetavarkPortMapping } from './network-records.js';

function describe(m: Pick<NetavarkPortMapping, 'host_ip' | 'protocol'>, port: number): string {
  const family = m.host_ip.includes(':') ? '6' : '4';
  return `${m.protocol}${family} ${m.host_ip || '0.0.0.0'}:${port}`;
}

/** Binds and closes at once: resolves when the port is free, rejects with PortInUseError otherwise. */
export async function probeHostPort(m: NetavarkPortMapping, port: number): Promise<void> {
  const host = m.host_ip || '0.0.0.0';
  const failure = (error: NodeJS.ErrnoException) =>
    new PortInUseError(
      `cannot listen on the ${m.protocol.toUpperCase()} port: listen ${describe(m, port)}: bind: ${error.code === 'EADDRINUSE' ? 'address already in use' : error.message}: stop what uses the port or publish another host port`,
    );
  if (m.protocol === 'udp') {
    await new Promise<void>((resolve, reject) => {
      const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', (error) => {
        socket.close();
        reject(failure(error));
      });
      socket.bind(port, host, () => socket.close(() => resolve()));
    });
    return;
  }
  if (m.protocol !== 'tcp') return; // sctp: no probe available from Node
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => reject(failure(error)));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** A free host port chosen by the kernel (its ephemeral range), as podman picks random ports. */
export async function randomHostPort(m: Pick<NetavarkPortMapping, 'host_ip' | 'protocol'>): Promise<number> {
  const host = m.host_ip || '0.0.0.0';
  if (m.protocol === 'udp')
    return new Promise<number>((resolve, reject) => {
      const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', reject);
      socket.bind(0, host, () => {
        const { port } = socket.address();
        socket.close(() => resolve(port));
      });
    });
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Whether two mappings claim a common host port of the same protocol on overlapping addresses. */
export function mappingsClash(a: NetavarkPortMapping, b: NetavarkPortMapping): boolean {
  if (a.protocol !== b.protocol) return false;
  const sameAddress = a.host_ip === '' || b.host_ip === '' || a.host_ip === b.host_ip;
  if (!sameAddress) return false;
  return a.host_port < b.host_port + b.range && b.host_port < a.host_port + a.range;
}
