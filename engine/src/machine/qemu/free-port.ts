// A free TCP port on 127.0.0.1 for the guest's SSH forward: the kernel picks one, we release it
// and hand it to QEMU. Another program could take it in between; QEMU then fails to start and
// says so, and the next start picks again.
import net from 'node:net';

export function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port on 127.0.0.1'))));
    });
  });
}
