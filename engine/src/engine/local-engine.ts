// The embedded, daemonless engine behind the contract: each call works directly on the store
// (the same one the CLI uses), so the desktop app and the CLI always agree.
import type { EngineCalls } from '../contract/engine-contract.js';
import { resolveStorePaths } from '../config/store-paths.js';
import { hostReport } from '../system/host-info.js';
import { storeReport } from '../system/store-report.js';
import { versionDetails } from '../system/version-details.js';

export interface LocalEngineOptions {
  root?: string;
  runroot?: string;
  runtime?: string;
}

export function createLocalEngine(options: LocalEngineOptions = {}): EngineCalls {
  const paths = resolveStorePaths(options);
  return {
    'system.version': async () => ({ Client: versionDetails() }),
    'system.info': async () => ({
      host: await hostReport({ runtime: options.runtime }),
      store: storeReport(paths),
      version: versionDetails(),
    }),
  };
}
