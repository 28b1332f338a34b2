// Errors as they cross the contract: a message that says what failed and what to do, and a
// stable code a front end can act on (e.g. `conflict`: offer to force).
import type { WireError } from '../contract/wire-messages.js';

export type WireErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'unknown-method'
  | 'too-many-streams'
  | 'overflow'
  | 'engine'
  /** A stream's engine was replaced or disconnected (the desktop's engine switch): read again. */
  | 'engine-changed'
  | 'internal';

export class EngineError extends Error {
  constructor(
    message: string,
    readonly wireCode: WireErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EngineError';
  }
}

export function toWireError(error: unknown): WireError {
  const code = (error as { wireCode?: unknown } | null)?.wireCode;
  return {
    message: error instanceof Error ? error.message : String(error),
    code: typeof code === 'string' ? code : 'internal',
  };
}
