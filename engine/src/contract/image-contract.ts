// The images domain: list, inspect, history, layers and a layer's files, tag, remove, prune, and
// the pull, push and build streams.
import { z } from 'zod';
import { call, defineDomain, returns, stream } from './contract-spec.js';
import type {
  BuildProgress,
  ImageHistoryRow,
  ImageInspect,
  ImageLayer,
  ImageRemovalReport,
  ImageSummary,
  LayerFiles,
  PullProgress,
  PushProgress,
} from './image-types.js';

/** A name, short ID, full ID or `name@digest`, as the CLI accepts them. */
const imageRef = z.string().min(1).max(512);

/** A build argument's or label's name, as `--build-arg NAME=value` takes it. */
const buildArgName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^=\s]+$/, 'a name without "=" or spaces');

export const imageBuildInput = z
  .object({
    /** The build context: an absolute folder path on the engine's host. */
    contextDir: z.string().min(1).max(4096).regex(/^\//, 'use an absolute path (starting with /)'),
    /** The Containerfile's path, relative to the context or absolute (default: Containerfile, else Dockerfile). */
    file: z.string().min(1).max(4096).optional(),
    /** ...or the Containerfile's text itself (wins over `file`). */
    fileText: z.string().min(1).max(1_000_000).optional(),
    tags: z.array(imageRef).max(100).default([]),
    buildArgs: z.record(buildArgName, z.string().max(65_536)).default({}),
    target: z.string().min(1).max(256).optional(),
    noCache: z.boolean().default(false),
    pull: z.enum(['always', 'missing', 'never']).default('missing'),
  })
  .strict();

export const imageContract = defineDomain('images', {
  calls: {
    'images.list': call(
      z.object({ filters: z.array(z.string().max(512)).max(32).default([]) }).strict(),
      returns<ImageSummary[]>(),
    ),
    'images.inspect': call(z.object({ image: imageRef }).strict(), returns<ImageInspect>()),
    'images.history': call(z.object({ image: imageRef }).strict(), returns<ImageHistoryRow[]>()),
    /** The image's layers, bottom first, each with the history step that made it and its size. */
    'images.layers': call(z.object({ image: imageRef }).strict(), returns<ImageLayer[]>()),
    /** What one layer (an index of `images.layers`) adds, modifies and removes. */
    'images.layerFiles': call(
      z.object({ image: imageRef, layer: z.number().int().min(0).max(10_000) }).strict(),
      returns<LayerFiles>(),
    ),
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
    /**
     * Sends a local image to a registry, as the auth file's login for the destination (if any).
     * The manifest goes last: cancelling before it is written aborts the uploads and leaves no tag.
     */
    'images.push': stream(
      z
        .object({
          image: imageRef,
          /** `host[:port]/path[:tag]`; default: the image's name. */
          destination: imageRef.optional(),
          tlsVerify: z.boolean().optional(),
        })
        .strict(),
      returns<PushProgress>(),
    ),
    /**
     * Builds from a Containerfile in a context folder on the engine's host. Cancelling stops the
     * build (a running RUN step's container is killed) and tags nothing.
     */
    'images.build': stream(imageBuildInput, returns<BuildProgress>()),
  },
});
