// The one typed contract between front ends (the desktop renderer, over Electron IPC or a
// WebSocket) and an Engine: the domains' calls and streams merged. A call or stream is declared
// once, in its domain's file (system-contract.ts, image-contract.ts...): its input schema (zod,
// validated by the serving side on every message) and its result or item type. Isomorphic: no Node.
import type { z } from 'zod';
import { containerContract } from './container-contract.js';
import { connectionContract } from './connection-contract.js';
import { checkDomains, type CallSpec, type Returns, type StreamSpec } from './contract-spec.js';
import { eventsContract } from './events-contract.js';
import { imageContract } from './image-contract.js';
import { kubeContract } from './kube-contract.js';
import { machineContract } from './machine-contract.js';
import { networkContract } from './network-contract.js';
import { podContract } from './pod-contract.js';
import { registryContract } from './registry-contract.js';
import { systemContract } from './system-contract.js';
import { volumeContract } from './volume-contract.js';

export const CONTRACT_DOMAINS = [
  systemContract,
  imageContract,
  eventsContract,
  containerContract,
  volumeContract,
  podContract,
  networkContract,
  kubeContract,
  registryContract,
  machineContract,
  connectionContract,
] as const;

export const CALLS = {
  ...systemContract.calls,
  ...imageContract.calls,
  ...eventsContract.calls,
  ...containerContract.calls,
  ...volumeContract.calls,
  ...podContract.calls,
  ...networkContract.calls,
  ...kubeContract.calls,
  ...registryContract.calls,
  ...machineContract.calls,
  ...connectionContract.calls,
} as const;

export const STREAMS = {
  ...systemContract.streams,
  ...imageContract.streams,
  ...eventsContract.streams,
  ...containerContract.streams,
  ...volumeContract.streams,
  ...podContract.streams,
  ...networkContract.streams,
  ...kubeContract.streams,
  ...registryContract.streams,
  ...machineContract.streams,
  ...connectionContract.streams,
} as const;

export const CONTRACT = { calls: CALLS, streams: STREAMS } as const;
checkDomains(CONTRACT_DOMAINS, CONTRACT);

type Calls = typeof CALLS;
type Streams = typeof STREAMS;
type ResultOf<R> = R extends Returns<infer T> ? T : never;

export type CallName = keyof Calls & string;
export type StreamName = keyof Streams & string;

/** What a caller passes (defaults may be left out). */
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
/** What the engine receives once the input is validated (defaults filled in). */
export type CallParams<N extends CallName> = z.output<Calls[N]['input']>;
export type CallResult<N extends CallName> = ResultOf<Calls[N]['result']>;

export type StreamInput<N extends StreamName> = z.input<Streams[N]['input']>;
export type StreamParams<N extends StreamName> = z.output<Streams[N]['input']>;
export type StreamItem<N extends StreamName> = ResultOf<Streams[N]['item']>;
/** What a client may send into an open stream (`never` for one-way streams). */
export type StreamSend<N extends StreamName> = z.input<Streams[N]['send']>;
export type StreamSendParams<N extends StreamName> = z.output<Streams[N]['send']>;

/** Input schemas of request/response calls, by name. */
export const CALL_INPUTS = Object.fromEntries(
  Object.entries(CALLS as Record<string, CallSpec>).map(([name, spec]) => [name, spec.input]),
) as { [N in CallName]: Calls[N]['input'] };

/** Result types of the calls, by name. */
export type CallResults = { [N in CallName]: CallResult<N> };

/** Input schemas of streams (logs, events, progress, terminals), by name. */
export const STREAM_INPUTS = Object.fromEntries(
  Object.entries(STREAMS as Record<string, StreamSpec>).map(([name, spec]) => [name, spec.input]),
) as { [N in StreamName]: Streams[N]['input'] };

/** Item types of the streams, by name. */
export type StreamItems = { [N in StreamName]: StreamItem<N> };

/** What a stream's implementation gets besides its input. */
export interface StreamContext<Send = never> {
  /** Aborted when the client cancels, closes the view, or disconnects. */
  signal: AbortSignal;
  /** What the client sends into the stream, validated (empty for one-way streams). */
  incoming: AsyncIterable<Send>;
}

type CallHandler<N extends CallName> = (input: CallParams<N>) => Promise<CallResult<N>>;
type StreamHandler<N extends StreamName> = (
  input: StreamParams<N>,
  context: StreamContext<StreamSendParams<N>>,
) => AsyncIterable<StreamItem<N>>;

/** The machines domain: served by the host's machine manager, never by an Engine (local or remote). */
type MachineCallName = Extract<CallName, `machines.${string}`>;
type MachineStreamName = Extract<StreamName, `machines.${string}`>;
/** The connections domain: which engine the desktop app uses; served by the desktop host. */
type ConnectionCallName = Extract<CallName, `connections.${string}`>;
type ConnectionStreamName = Extract<StreamName, `connections.${string}`>;

/** What an Engine exposes to front ends: one async function per call. */
export type EngineCalls = {
  [N in Exclude<CallName, MachineCallName | ConnectionCallName>]: CallHandler<N>;
};

/** ...and one async iterable per stream: ends when done, stops when the signal aborts. */
export type EngineStreams = {
  [N in Exclude<StreamName, MachineStreamName | ConnectionStreamName>]: StreamHandler<N>;
};

export type Engine = EngineCalls & EngineStreams;

/**
 * One domain's calls ('pods' gives pods.list, pods.start...), as its handlers implement them,
 * in the embedded engine and over HTTP alike: a call added to the domain is then asked of both.
 */
export type DomainCalls<D extends string> = Pick<EngineCalls, Extract<keyof EngineCalls, `${D}.${string}`>>;
/** One domain's streams, likewise. */
export type DomainStreams<D extends string> = Pick<
  EngineStreams,
  Extract<keyof EngineStreams, `${D}.${string}`>
>;

/**
 * The host's VMs (engine/src/machine). Host-local: a RemoteEngine does not manage the remote's
 * machines; the desktop app serves this next to whichever Engine it uses.
 */
export type MachineManager = { [N in MachineCallName]: CallHandler<N> } & {
  [N in MachineStreamName]: StreamHandler<N>;
};

/** The desktop host's choice of engine (engine/src/service/connection-service.ts). */
export type ConnectionManager = { [N in ConnectionCallName]: CallHandler<N> } & {
  [N in ConnectionStreamName]: StreamHandler<N>;
};

/** What the desktop app serves to its renderer: the whole contract. */
export type DesktopService = Engine & MachineManager & ConnectionManager;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(CALLS, name);
}

export function isStreamName(name: string): name is StreamName {
  return Object.prototype.hasOwnProperty.call(STREAMS, name);
}
