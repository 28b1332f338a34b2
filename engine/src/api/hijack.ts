// Turning an `Upgrade: tcp` request into a raw duplex stream, as dockerd does for attach and exec
// start: the JSON body (if any) is read off the socket first (Node hands an upgraded request's
// body over as raw bytes), then `101 UPGRADED` and the streams. A plain request to the same route
// gets a 200 response whose body is the output.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, errorMessage, statusOf } from './api-errors.js';
import { MAX_JSON_BODY_BYTES, readBody } from './http-body.js';

export interface HijackIo {
  body: Buffer;
  begin(contentType: string): void;
  output: Duplex | ServerResponse;
  input: Duplex | undefined;
  finish(): void;
  fail(error: unknown): void;
}

/** Reads `length` body bytes from `head` and then the socket; leaves any extra bytes unread. */
async function readUpgradeBody(socket: Duplex, head: Buffer, length: number): Promise<Buffer> {
  if (length > MAX_JSON_BODY_BYTES)
    throw new ApiError(413, `request body is larger than the limit of ${MAX_JSON_BODY_BYTES} bytes`);
  let body = head;
  while (body.length < length) {
    const chunk = await new Promise<Buffer | null>((resolve, reject) => {
      const onReadable = () => {
        cleanup();
        resolve(socket.read() as Buffer | null);
      };
      const onEnd = () => {
        cleanup();
        resolve(null);
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const cleanup = () => {
        socket.off('readable', onReadable);
        socket.off('end', onEnd);
        socket.off('error', onError);
      };
      const ready = socket.read() as Buffer | null;
      if (ready) return resolve(ready);
      socket.on('readable', onReadable);
      socket.on('end', onEnd);
      socket.on('error', onError);
    });
    if (chunk === null) throw new ApiError(400, 'the connection ended before the request body was complete');
    body = Buffer.concat([body, chunk]);
  }
  if (body.length > length) socket.unshift(body.subarray(length));
  return body.subarray(0, length);
}

export async function upgradedIo(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<HijackIo> {
  const length = Number(req.headers['content-length'] ?? 0);
  const body = await readUpgradeBody(socket, head, Number.isFinite(length) && length > 0 ? length : 0);
  let begun = false;
  return {
    body,
    begin(contentType) {
      begun = true;
      socket.write(
        `HTTP/1.1 101 UPGRADED\r\nContent-Type: ${contentType}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n`,
      );
    },
    output: socket,
    input: socket,
    finish: () => socket.end(),
    fail(error) {
      if (begun) {
        socket.destroy();
        return;
      }
      rawError(socket, error);
    },
  };
}

/** An error response written on a raw socket (before any upgrade happened). */
export function rawError(socket: Duplex, error: unknown): void {
  const status = statusOf(error);
  const body = JSON.stringify({ message: errorMessage(error) });
  socket.end(
    `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export async function plainIo(req: IncomingMessage, res: ServerResponse): Promise<HijackIo> {
  const body = await readBody(req, MAX_JSON_BODY_BYTES);
  return {
    body,
    begin(contentType) {
      res.writeHead(200, { 'Content-Type': contentType });
      res.flushHeaders();
    },
    output: res,
    input: undefined,
    finish: () => res.end(),
    fail(error) {
      if (res.headersSent) res.destroy();
      else {
        const text = JSON.stringify({ message: errorMessage(error) });
        res.writeHead(statusOf(error), { 'Content-Type': 'application/json' });
        res.end(text);
      }
    },
  };
}
