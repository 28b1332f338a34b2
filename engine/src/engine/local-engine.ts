// The embedded, daemonless engine behind the contract: each call works directly on the store
// (the same one the CLI uses), so the desktop app and the CLI always agree. The store is opened
// on first use and kept open for the engine's life.
import type { Engine } from '../contract/engine-contract.js';
import { resolveStorePaths } from '../config/store-paths.js';
import { openStore, type Store } from '../state/store.js';
import { hostReport } from '../system/host-info.js';
import { storeReport } from '../system/store-report.js';
import { versionDetails } from '../system/version-details.js';
import { registerContainerHooks } from '../container/container-hooks.js';
import { buildErrorCode, buildStreams } from './build-handlers.js';
import { containerCalls, containerErrorCode, containerStreams } from './container-handlers.js';
import { eventStreams } from './event-handlers.js';
import { imageCalls, imageErrorCode, imageStreams, withErrorCodes } from './image-handlers.js';
import { kubeCalls, kubeErrorCode } from './kube-handlers.js';
import { networkCalls, networkErrorCode } from './network-handlers.js';
import { podCalls, podErrorCode, podStreams } from './pod-handlers.js';
import { registryCalls, registryErrorCode } from './registry-handlers.js';
import { volumeCalls, volumeErrorCode } from './volume-handlers.js';

export interface LocalEngineOptions {
  root?: string;
  runroot?: string;
  runtime?: string;
}

export interface LocalEngine extends Engine {
  /** Closes the store; calls after this reopen it. */
  close(): void;
}

export function createLocalEngine(options: LocalEngineOptions = {}): LocalEngine {
  // Image and volume removal ask the container domain which containers use them.
  registerContainerHooks();
  const paths = resolveStorePaths(options);
  let opened: Store | undefined;
  const store = (): Store => (opened ??= openStore({ root: options.root, runroot: options.runroot }));
  const engine: Engine = {
    'system.version': async () => ({ Client: versionDetails() }),
    'system.info': async () => ({
      host: await hostReport({ runtime: options.runtime }),
      store: storeReport(paths),
      version: versionDetails(),
    }),
    ...withErrorCodes(imageCalls(store), imageErrorCode),
    ...withErrorCodes(imageStreams(store), imageErrorCode),
    ...eventStreams(store),
    ...withErrorCodes(containerCalls(store), containerErrorCode),
    ...withErrorCodes(containerStreams(store), containerErrorCode),
    ...withErrorCodes(volumeCalls(store), volumeErrorCode),
    ...withErrorCodes(podCalls(store), podErrorCode),
    ...withErrorCodes(podStreams(store), podErrorCode),
    ...withErrorCodes(networkCalls(store), networkErrorCode),
    ...withErrorCodes(buildStreams(store), buildErrorCode),
    ...withErrorCodes(kubeCalls(store), kubeErrorCode),
    ...withErrorCodes(registryCalls(), registryErrorCode),
  };
  return {
    ...engine,
    close: () => {
      opened?.close();
      opened = undefined;
    },
  };
}
