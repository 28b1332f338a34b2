// Whether something accepts connections on a unix socket: cheap enough to ask of every stored
// connection when the desktop lists them (a stopped machine's forwarded socket answers nothing).
import net from 'node:net';

export function unixSocketAnswers(socketPath: string, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ path: socketPath });
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
