// An HTTP proxy in front of a registry that records every request (method, path, status), so a
// test can prove what a client did on the wire: a cross-repository mount, a HEAD that skipped an
// upload, no upload at all. Bodies stream through untouched.
import http from 'node:http';

export interface RecordedRequest {
  method: string;
  url: string;
  status: number;
}

export interface RecordingProxy {
  host: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startRecordingProxy(upstreamHost: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      {
        host: upstreamHost.split(':')[0],
        port: Number(upstreamHost.split(':')[1]),
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        requests.push({ method: req.method ?? '', url: req.url ?? '', status: answer.statusCode ?? 0 });
        const headers = { ...answer.headers };
        // Upload locations name the registry: send the client back through the proxy.
        if (typeof headers.location === 'string')
          headers.location = headers.location.replace(`//${upstreamHost}/`, `//${host}/`);
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    host,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
