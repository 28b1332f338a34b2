// The volumes domain: list, inspect, create, remove and prune (the `local` driver).
import { z } from 'zod';
import { call, defineDomain, returns } from './contract-spec.js';
import type { VolumeInspect, VolumeRemovalReport } from './container-types.js';

/** podman's rule for volume names. */
export const VOLUME_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const volumeRef = z.string().min(1).max(256);
const stringMap = z.record(z.string().min(1).max(256), z.string().max(4096));

export const volumeContract = defineDomain('volumes', {
  calls: {
    'volumes.list': call(
      z.object({ filters: z.array(z.string().max(512)).max(32).default([]) }).strict(),
      returns<VolumeInspect[]>(),
    ),
    'volumes.inspect': call(z.object({ volume: volumeRef }).strict(), returns<VolumeInspect>()),
    /** Without a name the volume gets a random one. */
    'volumes.create': call(
      z
        .object({
          name: z
            .string()
            .max(253)
            .regex(
              VOLUME_NAME_PATTERN,
              'use letters, digits, "_", "." and "-", starting with a letter or digit',
            )
            .optional(),
          labels: stringMap.default({}),
          /** Driver options of `local`: type, device, o, nocopy. */
          options: stringMap.default({}),
        })
        .strict(),
      returns<VolumeInspect>(),
    ),
    /** A volume in use only with `force`, which removes the containers using it. */
    'volumes.remove': call(
      z
        .object({ volumes: z.array(volumeRef).min(1).max(10_000), force: z.boolean().default(false) })
        .strict(),
      returns<VolumeRemovalReport>(),
    ),
    /** Unused anonymous volumes, or with `all` every unused volume. */
    'volumes.prune': call(
      z
        .object({
          all: z.boolean().default(false),
          filters: z.array(z.string().max(512)).max(32).default([]),
        })
        .strict(),
      returns<{ removed: string[] }>(),
    ),
  },
  streams: {},
});
