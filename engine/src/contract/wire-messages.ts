// The messages that carry the contract over any transport (Electron IPC or WebSocket): the same
// shapes both ways, validated on arrival because a renderer (or a web page) is untrusted input.
//
// Streams: the client opens one with an id and a window (how many items it can take before it
// says it wants more); the server sends at most that many `item`s, then waits for `credit`.
// Either side ends it: the server with `end` (with an error if it failed), the client with
// `cancel` (the engine's work stops at the source). Duplex streams take `send` messages.
import { z } from 'zod';

const id = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Items the server may send before the client grants more: bounds memory on both sides. */
export const DEFAULT_STREAM_WINDOW = 64;
export const MAX_STREAM_WINDOW = 1024;

export const ClientMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('call'), id, method: z.string().max(100), input: z.unknown() }).strict(),
  z
    .object({
      kind: z.literal('open'),
      id,
      stream: z.string().max(100),
      input: z.unknown(),
      window: z.number().int().min(1).max(MAX_STREAM_WINDOW).default(DEFAULT_STREAM_WINDOW),
    })
    .strict(),
  z.object({ kind: z.literal('credit'), id, items: z.number().int().min(1).max(MAX_STREAM_WINDOW) }).strict(),
  z.object({ kind: z.literal('send'), id, value: z.unknown() }).strict(),
  z.object({ kind: z.literal('cancel'), id }).strict(),
]);
export type ClientMessage = z.input<typeof ClientMessage>;

export interface WireError {
  message: string;
  /**
   * A stable category: invalid-input, not-found, conflict, unknown-method, too-many-streams,
   * overflow, disconnected, engine, engine-changed (the desktop app switched engines), internal.
   */
  code: string;
}

export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: WireError };

export type ServerMessage =
  | ({ kind: 'result'; id: number } & CallOutcome)
  | { kind: 'item'; id: number; value: unknown }
  | { kind: 'end'; id: number; error?: WireError };

/** Server messages about one stream, as a stream's consumer sees them. */
export type StreamMessage = Extract<ServerMessage, { kind: 'item' | 'end' }>;
