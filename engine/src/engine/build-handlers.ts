// The `images.build` stream on a local store: the builder the CLI uses, its events as podman's
// lines (formatBuildEvent) and RUN output as written. Like a pull, the build stops when the
// client cancels or stops reading, and the stream ends only once the build has cleaned up (its
// RUN container removed), so a cancelled build leaves nothing behind and tags nothing.
import path from 'node:path';
import type { EngineStreams, StreamParams } from '../contract/engine-contract.js';
import type { BuildProgress } from '../contract/image-types.js';
import { loadRegistriesConf } from '../config/registries-conf.js';
import { buildImage } from '../build/build-image.js';
import { BuildError, BuildSyntaxError } from '../build/build-errors.js';
import { formatBuildEvent, type BuildEvent } from '../build/build-events.js';
import type { Store } from '../state/store.js';
import type { WireErrorCode } from '../service/engine-error.js';
import { streamJob } from './coalescing-queue.js';
import { imageErrorCode } from './image-handlers.js';

type BuildStreams = Pick<EngineStreams, 'images.build'>;

export function buildErrorCode(error: unknown): WireErrorCode | undefined {
  // A Containerfile mistake is the user's input (its message names file:line).
  if (error instanceof BuildSyntaxError) return 'invalid-input';
  if (error instanceof BuildError) return 'engine';
  return imageErrorCode(error);
}

export function buildProgressOf(event: BuildEvent): BuildProgress | undefined {
  switch (event.type) {
    case 'output':
      return { type: 'output', stream: event.stream, data: event.data };
    case 'done':
      return { type: 'done', imageId: event.imageId, names: event.names };
    case 'step':
      return {
        type: 'step',
        stage: event.stage,
        stages: event.stages,
        step: event.step,
        steps: event.steps,
        text: formatBuildEvent(event)!,
      };
    default: {
      const text = formatBuildEvent(event);
      return text === undefined ? undefined : { type: 'line', text };
    }
  }
}

function buildProgress(
  store: Store,
  input: StreamParams<'images.build'>,
  signal: AbortSignal,
): AsyncGenerator<BuildProgress> {
  // Not coalesced (no keys): every line of the log matters. The dispatcher reads only as the
  // client grants credit, so a slow window holds the backlog here, bounded by the build's output.
  return streamJob<BuildProgress>(signal, (push, jobSignal) =>
    buildImage(store, {
      contextDir: input.contextDir,
      // Relative to the context, never to the engine process's working folder.
      file: input.file === undefined ? undefined : path.resolve(input.contextDir, input.file),
      fileText: input.fileText,
      tags: input.tags,
      buildArgs: input.buildArgs,
      target: input.target,
      noCache: input.noCache,
      pull: input.pull,
      registriesConf: loadRegistriesConf(),
      signal: jobSignal,
      onEvent: (event) => {
        const item = buildProgressOf(event);
        if (item) push(item);
      },
    }),
  );
}

export function buildStreams(store: () => Store): BuildStreams {
  return {
    'images.build': (input, { signal }) => buildProgress(store(), input, signal),
  };
}
