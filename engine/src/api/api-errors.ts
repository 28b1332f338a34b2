// Errors in the Docker API's shape: a JSON body `{"message": "..."}` with the HTTP status a
// Docker client acts on (404: pull the image first, 409: stop it or force, 400: fix the request).
// Domain errors are classified with the same rules the contract uses (engine/src/engine).
import type { ServerResponse } from 'node:http';
import { containerErrorCode } from '../engine/container-handlers.js';
import { imageErrorCode } from '../engine/image-handlers.js';
import { podErrorCode } from '../engine/pod-handlers.js';
import { volumeErrorCode } from '../engine/volume-handlers.js';
import { CopyError } from '../container/container-copy.js';
import { SignalError } from '../container/signals.js';
import { EventFilterError, InputTimeError } from '../events/index.js';
import { NetworkError, NetworkInUseError, NetworkNotFoundError } from '../network/network-errors.js';
import type { WireErrorCode } from '../service/engine-error.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiError';
  }
}

const STATUS_BY_CODE: Record<WireErrorCode, number> = {
  'invalid-input': 400,
  'not-found': 404,
  conflict: 409,
  'unknown-method': 404,
  'too-many-streams': 429,
  overflow: 413,
  engine: 500,
  // The API service serves one engine: it never switches, but the table covers every code.
  'engine-changed': 503,
  internal: 500,
};

function networkStatus(error: unknown): number | undefined {
  if (error instanceof NetworkNotFoundError) return 404;
  if (error instanceof NetworkInUseError) return 409;
  if (error instanceof NetworkError) return 400;
  return undefined;
}

/** The HTTP status for any error a route throws. */
export function statusOf(error: unknown): number {
  if (error instanceof ApiError) return error.status;
  if (error instanceof SignalError || error instanceof EventFilterError || error instanceof InputTimeError)
    return 400;
  if (error instanceof CopyError) return /could not be found/.test(error.message) ? 404 : 400;
  const wire = (error as { wireCode?: unknown } | null)?.wireCode;
  if (typeof wire === 'string' && wire in STATUS_BY_CODE) return STATUS_BY_CODE[wire as WireErrorCode];
  const network = networkStatus(error);
  if (network !== undefined) return network;
  // Each domain's classifier ends with a catch-all 'engine' (errors carrying an exit code), so a
  // specific code from any of them wins: a missing volume is a 404 even though the container
  // domain would call it an engine error.
  const codes = [containerErrorCode, imageErrorCode, volumeErrorCode, podErrorCode].map((classify) =>
    classify(error),
  );
  const code = codes.find((c) => c !== undefined && c !== 'engine') ?? codes.find((c) => c !== undefined);
  // Engine errors are the server's; anything unclassified is a bug, also the server's.
  return code === undefined ? 500 : STATUS_BY_CODE[code];
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Writes the error as Docker does, unless the response has already started (then it ends it). */
export function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy(error instanceof Error ? error : undefined);
    return;
  }
  const body = JSON.stringify({ message: errorMessage(error) });
  res.writeHead(statusOf(error), {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}
