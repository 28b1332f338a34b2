// Where the service listens: `unix:///path` (the default, a socket in the run root) or
// `tcp:HOST:PORT` / `tcp://HOST:PORT`, only when asked. TCP has no authentication, so anything
// but loopback earns a warning.
import path from 'node:path';

export type ListenAddress = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number };

export class ListenAddressError extends Error {
  readonly exitCode = 125;
}

/** The default socket: `<runRoot>/berth.sock`, beside the store's other run-time files. */
export function defaultSocketPath(runRoot: string): string {
  return path.join(runRoot, 'berth.sock');
}

export function parseListenAddress(text: string, runRoot: string): ListenAddress {
  if (text === '') return { kind: 'unix', path: defaultSocketPath(runRoot) };
  if (text.startsWith('unix://')) {
    const file = text.slice('unix://'.length);
    if (!file.startsWith('/'))
      throw new ListenAddressError(`invalid socket address "${text}": use an absolute path, as unix:///path`);
    return { kind: 'unix', path: file };
  }
  const tcp = /^tcp:(?:\/\/)?(\[[^\]]+\]|[^:]+):(\d+)$/.exec(text);
  if (tcp) {
    const port = Number(tcp[2]);
    if (port > 65535)
      throw new ListenAddressError(`invalid port in "${text}": use a port between 0 and 65535`);
    return { kind: 'tcp', host: tcp[1]!.replace(/^\[|\]$/g, ''), port };
  }
  throw new ListenAddressError(
    `invalid service address "${text}": use unix:///path/to/socket or tcp:127.0.0.1:PORT`,
  );
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export function formatListenAddress(address: ListenAddress): string {
  return address.kind === 'unix'
    ? `unix://${address.path}`
    : `tcp://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
}
