// Web mode's `POST /call`: one contract call over plain HTTP, answered with the same outcome a
// `result` message carries. The renderer uses it for calls made before its WebSocket is open: a
// request leaves at once, while the socket's `open` event (which the queued calls wait for) is
// only delivered when the page's main thread is free, tens of milliseconds later during the
// first render. Same token, same validation (the connection's dispatcher), same size limit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CALL_TOKEN_HEADER } from '../contract/web-mode-paths.js';
import type { ContractDispatcher } from '../service/contract-dispatcher.js';

interface CallRequest {
  method: string;
  input: unknown;
}

function parseCallRequest(text: string): CallRequest | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'the body is not JSON';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not an object';
  const { method, input } = body as Record<string, unknown>;
  if (typeof method !== 'string' || method.length > 100)
    return '"method" must be a string (at most 100 characters)';
  const extra = Object.keys(body).filter((k) => k !== 'method' && k !== 'input');
  if (extra.length > 0) return `unknown field "${extra[0]}"`;
  return { method, input };
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, message: string, code = 'invalid-input'): void {
  answer(res, status, { ok: false, error: { message, code } });
}

/**
 * Serves one `POST /call`. `authorized` checks the token header (a request without the right
 * token is answered 401 before its body is read); bodies over `maxBytes` are refused with 413.
 */
export function serveHttpCall(
  req: IncomingMessage,
  res: ServerResponse,
  options: {
    authorized: (token: string | undefined) => boolean;
    dispatcher: ContractDispatcher;
    maxBytes: number;
  },
): void {
  const token = req.headers[CALL_TOKEN_HEADER];
  if (!options.authorized(typeof token === 'string' ? token : undefined)) {
    res.writeHead(401, { connection: 'close' }).end();
    req.destroy();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    if (tooLarge) return;
    size += chunk.length;
    if (size > options.maxBytes) {
      tooLarge = true;
      refuse(res, 413, `the request is larger than ${options.maxBytes} bytes`);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (tooLarge) return;
    const request = parseCallRequest(Buffer.concat(chunks).toString('utf8'));
    if (typeof request === 'string') {
      refuse(res, 400, `malformed call: ${request}`);
      return;
    }
    void options.dispatcher.call(request.method, request.input).then((outcome) => {
      try {
        answer(res, 200, outcome);
      } catch (error) {
        // An answer that cannot be JSON (an engine bug) must not take the server down with it.
        const why = (error as Error).message;
        refuse(res, 500, `the answer to ${request.method} could not be sent: ${why}`, 'internal');
      }
    });
  });
  req.on('error', () => res.destroy());
}
