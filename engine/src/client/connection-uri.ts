// A connection's destination, as podman writes them: `unix:///run/berth.sock` or
// `ssh://user@host[:port]/run/user/1000/berth.sock` (the remote socket's path after the host).
export type ConnectionUri =
  { kind: 'unix'; path: string } | { kind: 'ssh'; user?: string; host: string; port: number; path: string };

export class ConnectionUriError extends Error {
  readonly exitCode = 125;
}

export function parseConnectionUri(text: string): ConnectionUri {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConnectionUriError(
      `invalid connection URI "${text}": use unix:///path/to/socket or ssh://user@host[:port]/path/to/socket`,
    );
  }
  if (url.protocol === 'unix:') {
    const path = decodeURIComponent(url.pathname);
    if (url.host !== '' || !path.startsWith('/'))
      throw new ConnectionUriError(
        `invalid unix URI "${text}": give an absolute socket path, as in unix:///run/berth/berth.sock`,
      );
    return { kind: 'unix', path };
  }
  if (url.protocol === 'ssh:') {
    if (!url.hostname)
      throw new ConnectionUriError(
        `invalid ssh URI "${text}": name the host, as in ssh://user@host/run/berth.sock`,
      );
    const path = decodeURIComponent(url.pathname);
    if (path === '' || path === '/')
      throw new ConnectionUriError(
        `ssh URI "${text}" has no socket path: add the remote socket, as in ssh://${url.username ? `${url.username}@` : ''}${url.host}/run/berth/berth.sock`,
      );
    return {
      kind: 'ssh',
      ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : 22,
      path,
    };
  }
  throw new ConnectionUriError(
    `unsupported connection scheme "${url.protocol.replace(/:$/, '')}" in "${text}": use unix:// or ssh://`,
  );
}
