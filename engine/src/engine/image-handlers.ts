// The images domain of the contract on a local store: each call maps to the image domain's
// functions (the same ones the CLI uses), and its errors to the contract's codes.
import type { DomainCalls, EngineStreams, StreamParams } from '../contract/engine-contract.js';
import type { ImageRemovalReport, PullProgress, PushProgress } from '../contract/image-types.js';
import { loadRegistriesConf } from '../config/registries-conf.js';
import { imageHistory } from '../image/image-history.js';
import { inspectImage } from '../image/image-inspect.js';
import { requireImage } from '../image/image-lookup.js';
import { tagImage } from '../image/image-names.js';
import { pruneImages, removeImages } from '../image/image-removal.js';
import { listImages, summarizeImage } from '../image/image-summary.js';
import { ImageError, ImageInUseError, ImageNotFoundError } from '../image/image-errors.js';
import { imageLayers } from '../image/image-layers.js';
import { LayerIndexError, layerFiles } from '../image/layer-files.js';
import { LayerStore } from '../image/layer-store.js';
import { pullImage } from '../image/pull-image.js';
import { pushImage } from '../image/push-image.js';
import { imageStoreLayout } from '../image/store-layout.js';
import type { Store } from '../state/store.js';
import { EngineError, type WireErrorCode } from '../service/engine-error.js';
import { streamJob } from './coalescing-queue.js';

type ImageCalls = DomainCalls<'images'>;
type ImageStreams = Pick<EngineStreams, 'images.pull' | 'images.push'>;

export function imageErrorCode(error: unknown): WireErrorCode | undefined {
  if (error instanceof ImageNotFoundError) return 'not-found';
  if (error instanceof LayerIndexError) return 'invalid-input';
  if (error instanceof ImageInUseError) return 'conflict';
  if (error instanceof ImageError) return 'engine';
  return undefined;
}

function searchRegistries(): string[] {
  return loadRegistriesConf().unqualifiedSearchRegistries;
}

export function imageCalls(store: () => Store): ImageCalls {
  const layers = () => {
    const layout = imageStoreLayout(store().paths.graphRoot);
    return new LayerStore(layout.layersDir, layout.tmpDir);
  };
  return {
    'images.list': async ({ filters }) => {
      const { db } = store();
      return listImages(db, { filters, searchRegistries: searchRegistries() }).map((record) =>
        summarizeImage(db, record),
      );
    },
    'images.inspect': async ({ image }) => {
      const s = store();
      return inspectImage(s.db, requireImage(s.db, image, searchRegistries()), s.paths.graphRoot);
    },
    'images.history': async ({ image }) => {
      const { db } = store();
      return imageHistory(db, requireImage(db, image, searchRegistries()), layers());
    },
    'images.layers': async ({ image }) =>
      imageLayers(requireImage(store().db, image, searchRegistries()), layers()),
    'images.layerFiles': async ({ image, layer }) =>
      layerFiles(requireImage(store().db, image, searchRegistries()), layer, layers()),
    'images.remove': async ({ images, force }): Promise<ImageRemovalReport> => {
      const report = await removeImages(store(), images, { force, searchRegistries: searchRegistries() });
      return {
        untagged: report.untagged,
        deleted: report.deleted,
        errors: report.errors.map((e) => ({ message: e.message, code: imageErrorCode(e) ?? 'engine' })),
      };
    },
    'images.tag': async ({ image, tags }) => ({
      tags: await tagImage(store(), image, tags, searchRegistries()),
    }),
    'images.prune': async ({ all }) => ({ removed: await pruneImages(store(), { all }) }),
  };
}

/** Progress of one layer replaces its previous progress if the consumer has not read it yet. */
function coalesceKey(event: PullProgress | PushProgress): string | undefined {
  return event.type === 'layer' && event.status === 'progress' ? `layer:${event.digest}` : undefined;
}

function pullProgress(
  store: Store,
  input: StreamParams<'images.pull'>,
  signal: AbortSignal,
): AsyncGenerator<PullProgress> {
  // The pull stops when the caller aborts or simply stops reading, and the stream ends only once
  // an aborted pull has put the store back as it was.
  return streamJob<PullProgress>(signal, (push, jobSignal) =>
    pullImage(store, {
      reference: input.reference,
      platform: input.platform,
      tlsVerify: input.tlsVerify,
      registriesConf: loadRegistriesConf(),
      signal: jobSignal,
      onEvent: (event) => push(event, coalesceKey(event)),
    }),
  );
}

function pushProgress(
  store: Store,
  input: StreamParams<'images.push'>,
  signal: AbortSignal,
): AsyncGenerator<PushProgress> {
  // Like a pull: a cancel (or a consumer that stops reading) aborts the uploads, and the stream
  // ends once the push has stopped, before any manifest could be written.
  return streamJob<PushProgress>(signal, (push, jobSignal) =>
    pushImage(store, {
      image: input.image,
      destination: input.destination,
      tlsVerify: input.tlsVerify,
      registriesConf: loadRegistriesConf(),
      signal: jobSignal,
      onEvent: (event) => push(event, coalesceKey(event)),
    }),
  );
}

export function imageStreams(store: () => Store): ImageStreams {
  return {
    'images.pull': (input, { signal }) => pullProgress(store(), input, signal),
    'images.push': (input, { signal }) => pushProgress(store(), input, signal),
  };
}

/** Wraps domain errors into EngineErrors with the contract's codes. */
export function withErrorCodes<T extends object>(
  handlers: T,
  classify: (error: unknown) => WireErrorCode | undefined,
): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (...args: unknown[]) => unknown][]) {
    wrapped[name] = (...args: unknown[]) => {
      const translate = (error: unknown): never => {
        const code = classify(error);
        if (code === undefined || error instanceof EngineError) throw error;
        throw new EngineError(error instanceof Error ? error.message : String(error), code, { cause: error });
      };
      let result: unknown;
      try {
        result = handler(...args);
      } catch (error) {
        return translate(error);
      }
      if (result instanceof Promise) return result.catch(translate);
      if (result && typeof result === 'object' && Symbol.asyncIterator in result)
        return translateIterable(result as AsyncIterable<unknown>, translate);
      return result;
    };
  }
  return wrapped as T;
}

async function* translateIterable<T>(
  source: AsyncIterable<T>,
  translate: (error: unknown) => never,
): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (error) {
    translate(error);
  }
}
