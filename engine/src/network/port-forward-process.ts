// The rootless port forwarder's own loop (`berth network port-forward ID SPEC...`, started by
// rootless-port-forward.ts inside the container's side of the network): it accepts on the
// listening sockets it inherited (bound on the host) and relays each TCP connection, and each UDP
// peer, to the container's address. It runs until teardown kills it.
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Socket } from 'node:net';

export interface ForwardTarget {
  protocol: 'tcp' | 'udp';
  /** The inherited listening socket. */
  fd: number;
  address: string;
  port: number;
}

/** `PROTO:FD:ADDRESS:PORT`, as forwardSpec writes it. */
export function parseForwardTarget(text: string): ForwardTarget {
  const match = /^(tcp|udp):(\d+):([0-9.]+):(\d+)$/.exec(text);
  if (!match)
    throw new Error(`invalid forward "${text}": expected PROTO:FD:ADDRESS:PORT, e.g. tcp:3:10.86.0.5:80`);
  return {
    protocol: match[1] as 'tcp' | 'udp',
    fd: Number(match[2]),
    address: match[3]!,
    port: Number(match[4]),
  };
}

/** UDP has no connections: a peer's session (and its socket inside) ends after this much silence. */
const UDP_IDLE_MS = 60_000;

export async function runPortForwarder(targets: readonly ForwardTarget[]): Promise<void> {
  await Promise.all(targets.map((t) => (t.protocol === 'tcp' ? forwardTcp(t) : forwardUdp(t))));
}

function forwardTcp(target: ForwardTarget): Promise<void> {
  const server = createServer({ allowHalfOpen: true }, (client: Socket) => {
    const upstream = connect({ host: target.address, port: target.port, allowHalfOpen: true });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ fd: target.fd }, () => resolve());
  });
}

function forwardUdp(target: ForwardTarget): Promise<void> {
  const outside = createSocket('udp4');
  const sessions = new Map<string, { socket: UdpSocket; timer: NodeJS.Timeout }>();
  const session = (peer: RemoteInfo) => {
    const key = `${peer.address}:${peer.port}`;
    let entry = sessions.get(key);
    if (!entry) {
      // One socket per peer, so that replies find their way back; only the target's count.
      const socket = createSocket('udp4');
      socket.on('message', (reply, from) => {
        if (from.address === target.address && from.port === target.port)
          outside.send(reply, peer.port, peer.address);
      });
      socket.on('error', () => undefined); // an unreachable port inside: the peer sees silence
      entry = { socket, timer: setTimeout(() => undefined, 0) };
      sessions.set(key, entry);
    }
    clearTimeout(entry.timer);
    const current = entry;
    current.timer = setTimeout(() => {
      current.socket.close();
      sessions.delete(key);
    }, UDP_IDLE_MS);
    return current.socket;
  };
  outside.on('message', (message, peer) => {
    // Not connect(): a send before an asynchronous connect completes throws. Errors go to 'error'.
    session(peer).send(message, target.port, target.address);
  });
  return new Promise((resolve, reject) => {
    outside.once('error', reject);
    outside.bind({ fd: target.fd }, () => resolve());
  });
}
