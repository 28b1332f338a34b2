// The images domain: list, inspect, history, tag, remove, prune, and the pull stream.
import { z } from 'zod';
import { call, defineDomain, returns, stream } from './contract-spec.js';
import type {
  ImageHistoryRow,
  ImageInspect,
  ImageRemovalReport,
  ImageSummary,
  PullProgress,
} from './image-types.js';

/** A name, short ID, full ID or `name@digest`, as the CLI accepts them. */
const imageRef = z.string().min(1).max(512);

export const imageContract = defineDomain('images', {
  calls: {
    'images.list': call(
      z.object({ filters: z.array(z.string().max(512)).max(32).default([]) }).strict(),
      returns<ImageSummary[]>(),
    ),
    'images.inspect': call(z.object({ image: imageRef }).strict(), returns<ImageInspect>()),
    'images.history': call(z.object({ image: imageRef }).strict(), returns<ImageHistoryRow[]>()),
    /** By name removes that name (the image too when it was the last); by ID the image. */
    'images.remove': call(
      z.object({ images: z.array(imageRef).min(1).max(10_000), force: z.boolean().default(false) }).strict(),
      returns<ImageRemovalReport>(),
    ),
    'images.tag': call(
      z.object({ image: imageRef, tags: z.array(imageRef).min(1).max(100) }).strict(),
      returns<{ tags: string[] }>(),
    ),
    /** Dangling images, or with `all` every image that no container uses. */
    'images.prune': call(
      z.object({ all: z.boolean().default(false) }).strict(),
      returns<{ removed: string[] }>(),
    ),
  },
  streams: {
    /** Cancelling aborts the pull and leaves the store as it was. */
    'images.pull': stream(
      z
        .object({
          reference: imageRef,
          platform: z.string().max(100).optional(),
          tlsVerify: z.boolean().optional(),
        })
        .strict(),
      returns<PullProgress>(),
    ),
  },
});
