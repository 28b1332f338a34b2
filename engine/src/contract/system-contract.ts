// The system domain: what the engine is and runs on.
import { z } from 'zod';
import { call, defineDomain, returns } from './contract-spec.js';
import type { InfoReport, VersionReport } from './system-types.js';

const empty = z.object({}).strict();

export const systemContract = defineDomain('system', {
  calls: {
    'system.version': call(empty, returns<VersionReport>()),
    'system.info': call(empty, returns<InfoReport>()),
  },
  streams: {},
});
