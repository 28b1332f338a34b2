// The one typed contract between front ends (the desktop renderer, over Electron IPC or a
// WebSocket) and an Engine. Every call and stream is declared once here: its input schema (zod,
// validated by the serving side on every message) and its result type. Isomorphic: no Node.
import { z } from 'zod';
import type { InfoReport, VersionReport } from './system-types.js';

const empty = z.object({}).strict();

/** Input schemas of request/response calls. */
export const CALL_INPUTS = {
  'system.version': empty,
  'system.info': empty,
} as const;

/** Result types of the calls, by name. */
export interface CallResults {
  'system.version': VersionReport;
  'system.info': InfoReport;
}

/** Input schemas of streams (logs, events, progress...): each yields items until ended or cancelled. */
export const STREAM_INPUTS = {} as const;

/** Item types of the streams, by name. */
export type StreamItems = Record<never, never>;

export type CallName = keyof typeof CALL_INPUTS & keyof CallResults;
export type CallInput<N extends CallName> = z.infer<(typeof CALL_INPUTS)[N]>;
export type CallResult<N extends CallName> = CallResults[N];
export type StreamName = keyof typeof STREAM_INPUTS & keyof StreamItems;

/** What an Engine exposes to front ends: one async function per call. */
export type EngineCalls = { [N in CallName]: (input: CallInput<N>) => Promise<CallResult<N>> };

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(CALL_INPUTS, name);
}
