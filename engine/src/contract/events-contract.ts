// The events domain: one stream of everything that changes in the store, from any process (the
// desktop app, the CLI, the API service). Front ends use it for live updates.
import { z } from 'zod';
import { defineDomain, returns, stream } from './contract-spec.js';
import type { EngineEvent } from './event-types.js';

export const eventsContract = defineDomain('events', {
  calls: {},
  streams: {
    /** Past events since `since` (RFC 3339 or Unix seconds), then, with `follow`, new ones as they happen. */
    'events.stream': stream(
      z
        .object({
          since: z.string().max(64).optional(),
          follow: z.boolean().default(true),
          filters: z.array(z.string().max(512)).max(32).default([]),
        })
        .strict(),
      returns<EngineEvent>(),
    ),
  },
});
