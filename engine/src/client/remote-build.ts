// The `images.build` stream over the Docker API's legacy `POST /build`, as podman's remote client
// and the docker CLI do it: the context folder (on this machine) goes up as a tar, the service
// builds it (its ignore file applies there), and its `{"stream"}` lines come back as progress.
import path from 'node:path';
import type { EngineStreams, StreamParams } from '../contract/engine-contract.js';
import type { BuildProgress } from '../contract/image-types.js';
import { packTree } from '../container/tree-archive.js';
import { EngineError } from '../service/engine-error.js';
import { jsonLines } from './api-transport.js';
import { stripSha } from './docker-shapes.js';
import { DOCKER, type RemoteContext } from './remote-context.js';

type BuildStreams = Pick<EngineStreams, 'images.build'>;

interface BuildLine {
  stream?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string };
}

const STEP = /^(?:\[(\d+)\/(\d+)\] )?STEP (\d+)\/(\d+): /;

/** The Containerfile's path as the service reads it: relative to the context, inside it. */
function dockerfileParam(contextDir: string, file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  const relative = path.relative(contextDir, path.resolve(contextDir, file));
  if (relative.startsWith('..') || path.isAbsolute(relative))
    throw new EngineError(
      `the Containerfile ${file} is outside the context ${contextDir}: a remote engine sees only the context, so move it inside`,
      'invalid-input',
    );
  return relative.split(path.sep).join('/');
}

/** One `stream` text as progress items: whole lines of podman's text, RUN output as it came. */
function progressOf(text: string): BuildProgress {
  const line = text.replace(/\n$/, '');
  const step = STEP.exec(line);
  if (step && !line.includes('\n'))
    return {
      type: 'step',
      stage: Number(step[1] ?? 1),
      stages: Number(step[2] ?? 1),
      step: Number(step[3]),
      steps: Number(step[4]),
      text: line,
    };
  if (
    /^(COMMIT|--> |\[Warning\] |Successfully tagged |Successfully built |\[\d+\/\d+\] COMMIT)/.test(line) &&
    text.endsWith('\n')
  )
    return { type: 'line', text: line };
  return { type: 'output', stream: 'stdout', data: text };
}

async function* build(
  { api }: RemoteContext,
  input: StreamParams<'images.build'>,
  signal: AbortSignal,
): AsyncGenerator<BuildProgress> {
  if (input.fileText !== undefined)
    throw new EngineError(
      'a Containerfile given as text cannot be sent to a remote engine: save it in the context folder and name it with file',
      'invalid-input',
    );
  const query = {
    dockerfile: dockerfileParam(input.contextDir, input.file),
    t: input.tags,
    buildargs: JSON.stringify(input.buildArgs),
    target: input.target,
    nocache: input.noCache,
    pull: input.pull,
    rm: true,
    forcerm: true,
  };
  const path = `${DOCKER}/build`;
  const context = packTree({ source: input.contextDir, name: '' });
  const res = await api.check(
    'POST',
    path,
    await api.open('POST', path, { query, stream: context, contentType: 'application/x-tar', signal }),
  );
  let imageId = '';
  const names: string[] = [];
  try {
    for await (const line of jsonLines<BuildLine>(res)) {
      if (line.error || line.errorDetail)
        throw new EngineError(
          `building ${input.contextDir}: ${line.errorDetail?.message ?? line.error}`,
          'engine',
        );
      if (line.aux?.ID) imageId = stripSha(line.aux.ID);
      if (line.stream === undefined) continue;
      const tagged = /^Successfully tagged (\S+)\n?$/.exec(line.stream);
      if (tagged) names.push(tagged[1]!);
      yield progressOf(line.stream);
    }
  } finally {
    res.destroy();
    context.destroy();
  }
  if (!imageId)
    throw new EngineError(
      `building ${input.contextDir}: the service ended the build without an image ID`,
      'engine',
    );
  yield { type: 'done', imageId, names };
}

export function remoteBuildStreams(ctx: RemoteContext): BuildStreams {
  return { 'images.build': (input, { signal }) => build(ctx, input, signal) };
}
