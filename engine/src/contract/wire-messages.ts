// The messages that carry the contract over any transport (Electron IPC or WebSocket): the same
// shapes both ways, validated on arrival because a renderer (or a web page) is untrusted input.
import { z } from 'zod';

export const ClientMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('call'),
    id: z.number().int().nonnegative(),
    method: z.string().max(100),
    input: z.unknown(),
  }),
  z.object({
    kind: z.literal('open'),
    id: z.number().int().nonnegative(),
    stream: z.string().max(100),
    input: z.unknown(),
  }),
  z.object({ kind: z.literal('cancel'), id: z.number().int().nonnegative() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export interface WireError {
  message: string;
  /** A stable category: invalid-input, not-found, conflict, unknown-method, internal. */
  code: string;
}

export type ServerMessage =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: WireError }
  | { kind: 'item'; id: number; value: unknown }
  | { kind: 'end'; id: number; error?: WireError };
