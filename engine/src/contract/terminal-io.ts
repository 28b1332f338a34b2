// What a client sends into a terminal stream (exec, attach, machine SSH): keystrokes and pastes
// as text, and the window size. The `send` schema of every duplex terminal stream.
import { z } from 'zod';

/** One message can carry a large paste; bigger pastes are split by the client. */
export const TERMINAL_DATA_LIMIT = 64 * 1024;

export const terminalInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('data'), data: z.string().max(TERMINAL_DATA_LIMIT) }).strict(),
  z
    .object({
      type: z.literal('resize'),
      cols: z.number().int().min(1).max(1000),
      rows: z.number().int().min(1).max(1000),
    })
    .strict(),
]);
export type TerminalInput = z.infer<typeof terminalInput>;

/** What a terminal stream yields: output text, then the exit code. */
export type TerminalOutput = { type: 'data'; data: string } | { type: 'exit'; code: number };
