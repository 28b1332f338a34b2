// A minimal QMP (QEMU Machine Protocol) client over the machine's unix socket: the greeting,
// capability negotiation, then commands, each answered by a line with "return" or "error"
// (asynchronous "event" lines in between are skipped).
import net from 'node:net';

export async function qmpCommand(socketPath: string, command: string, timeoutMs = 3_000): Promise<unknown> {
  const socket = net.createConnection(socketPath);
  socket.setEncoding('utf8');
  let buffered = '';
  const waiters: ((line: Record<string, unknown>) => void)[] = [];
  const queued: Record<string, unknown>[] = [];
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (!line) continue;
      const message = JSON.parse(line) as Record<string, unknown>;
      if ('event' in message) continue;
      const waiter = waiters.shift();
      if (waiter) waiter(message);
      else queued.push(message);
    }
  });
  const failed = new Promise<never>((_, reject) => {
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`QMP socket ${socketPath} closed`)));
    setTimeout(
      () => reject(new Error(`no answer on the QMP socket ${socketPath} in ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  failed.catch(() => {});
  const next = () =>
    Promise.race([
      new Promise<Record<string, unknown>>((resolve) => {
        const early = queued.shift();
        if (early) resolve(early);
        else waiters.push(resolve);
      }),
      failed,
    ]);
  const execute = async (name: string) => {
    socket.write(`${JSON.stringify({ execute: name })}\n`);
    const reply = await next();
    if ('error' in reply) throw new Error(`QMP ${name} failed: ${JSON.stringify(reply.error)}`);
    return reply.return;
  };
  try {
    const greeting = await next();
    if (!('QMP' in greeting)) throw new Error(`unexpected QMP greeting on ${socketPath}`);
    await execute('qmp_capabilities');
    return await execute(command);
  } finally {
    socket.destroy();
  }
}
