// Request bodies, bounded: JSON bodies are read whole (up to a small limit) and validated with a
// zod schema; archives are streamed with a byte limit so that a client cannot fill the disk or
// the memory of the service. Over the limit the answer is 413, malformed input 400.
import type { IncomingMessage } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import type { z } from 'zod';
import { ApiError } from './api-errors.js';

/** Create bodies, exec configs, network specs: a few KiB in practice. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;
/** Archives put into containers and image tarballs loaded. */
export const MAX_ARCHIVE_BYTES = 8 * 1024 * 1024 * 1024;

function tooLarge(limit: number, what: string): ApiError {
  return new ApiError(413, `${what} is larger than the limit of ${limit} bytes: send a smaller one`);
}

/** The whole body as a Buffer; 413 past `limit`. */
export async function readBody(req: Readable, limit: number, what = 'request body'): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      // Stop reading; the connection is closed after the error response.
      req.destroy();
      throw tooLarge(limit, what);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}

/** Parses `text` as JSON and validates it; an empty body counts as `{}` (Docker clients send none). */
export function parseJson<T>(text: string, schema: z.ZodType<T>, what: string): T {
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ApiError(400, `malformed JSON in the ${what}: ${(error as Error).message}`);
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new ApiError(400, `invalid ${what}: ${describeIssues(parsed.error)}: fix these fields and retry`);
  return parsed.data;
}

export async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>, what: string): Promise<T> {
  const body = await readBody(req, MAX_JSON_BODY_BYTES, what);
  return parseJson(body.toString('utf8'), schema, what);
}

/** Passes the body through, failing the stream with 413 once more than `limit` bytes went by. */
export function limitedStream(source: Readable, limit: number, what: string): Readable {
  let size = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limit) callback(tooLarge(limit, what));
      else callback(null, chunk);
    },
  });
  source.on('error', (error) => limiter.destroy(error));
  return source.pipe(limiter);
}
