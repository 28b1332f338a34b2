// RemoteEngine: the contract implemented over an API service — Berth's (`berth system service`),
// podman's (`podman system service`) or a Docker socket — reached through a unix socket (an ssh
// connection forwards one, see ssh-tunnel.ts). Each domain lives in its own file and plugs in
// here the way LocalEngine's handlers do; errors keep the contract's codes.
import type { Engine } from '../contract/engine-contract.js';
import { withErrorCodes } from '../engine/image-handlers.js';
import { kubeErrorCode } from '../engine/kube-handlers.js';
import { ApiTransport } from './api-transport.js';
import { remoteBuildStreams } from './remote-build.js';
import type { RemoteContext } from './remote-context.js';
import { remoteContainerCalls, remoteContainerStreams } from './remote-containers.js';
import { remoteEventStreams } from './remote-events.js';
import { remoteImageCalls, remoteImageStreams } from './remote-images.js';
import { remoteKubeCalls } from './remote-kube.js';
import { remoteNetworkCalls } from './remote-networks.js';
import { remotePodCalls, remotePodStreams } from './remote-pods.js';
import { remoteRegistryCalls } from './remote-registries.js';
import { remoteSystemCalls } from './remote-system.js';
import { remoteTerminalStreams } from './remote-terminals.js';
import { remoteVolumeCalls } from './remote-volumes.js';

export interface RemoteEngineOptions {
  /** The service's unix socket (for ssh connections, the local end of the tunnel). */
  socketPath: string;
}

export interface RemoteEngine extends Engine {
  readonly socketPath: string;
  /** Nothing is held between calls (each request opens its own connection); kept for symmetry with LocalEngine. */
  close(): void;
}

export function createRemoteEngine(options: RemoteEngineOptions): RemoteEngine {
  const ctx: RemoteContext = { api: new ApiTransport(options.socketPath) };
  const engine: Engine = {
    ...remoteSystemCalls(ctx),
    ...remoteImageCalls(ctx),
    ...remoteImageStreams(ctx),
    ...remoteEventStreams(ctx),
    ...remoteContainerCalls(ctx),
    ...remoteContainerStreams(ctx),
    ...remoteTerminalStreams(ctx),
    ...remoteVolumeCalls(ctx),
    ...remotePodCalls(ctx),
    ...remotePodStreams(ctx),
    ...remoteNetworkCalls(ctx),
    ...remoteBuildStreams(ctx),
    ...withErrorCodes(remoteKubeCalls(ctx), kubeErrorCode),
    ...remoteRegistryCalls(),
  };
  return { ...engine, socketPath: options.socketPath, close: () => undefined };
}
