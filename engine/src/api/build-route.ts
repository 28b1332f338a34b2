// `POST /build`: the legacy (non-BuildKit) build of the Docker API over the same builder as
// `berth build`. The body is the context as a tar (maybe compressed), size-bounded; the answer is
// the JSON progress stream Docker clients print: `{"stream": "..."}` lines as the build goes, then
// `{"aux":{"ID":"sha256:..."}}`, "Successfully built/tagged", or `{"errorDetail","error"}`.
import path from 'node:path';
import { z } from 'zod';
import { loadRegistriesConf } from '../config/registries-conf.js';
import { unpackContext } from '../build/build-context.js';
import { buildImage, type PullPolicy } from '../build/build-image.js';
import { formatBuildEvent, type BuildEvent } from '../build/build-events.js';
import { imageStoreLayout } from '../image/store-layout.js';
import { ApiError } from './api-errors.js';
import { queryFlag, type Exchange, type Route } from './api-context.js';
import { limitedStream, parseJson } from './http-body.js';
import { ProgressWriter } from './image-progress.js';

/** A build context is source code, not a disk image: a few GiB is already generous. */
export const MAX_BUILD_CONTEXT_BYTES = 4 * 1024 * 1024 * 1024;

// Docker sends `{"KEY": null}` for `--build-arg KEY` when KEY is unset in the client's environment.
const stringMap = z.record(
  z.string().min(1).max(256),
  z
    .string()
    .max(64 * 1024)
    .nullable(),
);

function jsonQuery(query: URLSearchParams, name: string): Record<string, string> {
  const parsed = parseJson(query.get(name) ?? '', stringMap, `${name} query parameter`);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) if (value !== null) out[key] = value;
  return out;
}

/** Docker's `pull=1` means always; podman's compat API also takes the policy's name. */
function pullPolicy(query: URLSearchParams): PullPolicy {
  const value = (query.get('pull') ?? '').toLowerCase();
  if (value === '' || value === '0' || value === 'false' || value === 'missing') return 'missing';
  if (value === 'never') return 'never';
  if (value === '1' || value === 'true' || value === 'always') return 'always';
  throw new ApiError(400, `invalid pull parameter "${value}": use 1, 0, always, missing or never`);
}

/** The Dockerfile's path inside the context; never outside it (the service's files are not the client's). */
function dockerfilePath(contextDir: string, name: string): string {
  const resolved = path.resolve(contextDir, name);
  if (resolved !== contextDir && !resolved.startsWith(`${contextDir}${path.sep}`))
    throw new ApiError(400, `dockerfile ${name} is outside the build context: name a file inside it`);
  return resolved;
}

interface BuildRequest {
  tags: string[];
  dockerfile: string;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  target?: string;
  noCache: boolean;
  pull: PullPolicy;
  quiet: boolean;
  platform?: string;
  network?: string;
}

function readRequest(query: URLSearchParams): BuildRequest {
  if (query.get('remote'))
    throw new ApiError(400, 'remote build contexts are not supported: send the context as a tar body');
  return {
    tags: query.getAll('t').filter((t) => t !== ''),
    dockerfile: query.get('dockerfile') || 'Dockerfile',
    buildArgs: jsonQuery(query, 'buildargs'),
    labels: jsonQuery(query, 'labels'),
    target: query.get('target') || undefined,
    noCache: queryFlag(query, 'nocache'),
    pull: pullPolicy(query),
    quiet: queryFlag(query, 'q'),
    platform: query.get('platform') || undefined,
    // Docker's default network mode means "the builder's default".
    network: ['', 'default'].includes(query.get('networkmode') ?? '') ? undefined : query.get('networkmode')!,
  };
}

/** Writes build events as Docker's stream lines (tags are announced once the image exists). */
function streamWriter(out: ProgressWriter, quiet: boolean, tagged: string[]): (event: BuildEvent) => void {
  return (event) => {
    if (event.type === 'tagged') tagged.push(event.name);
    if (quiet || event.type === 'done' || event.type === 'tagged') return;
    if (event.type === 'output') return out.write({ stream: event.data });
    const text = formatBuildEvent(event);
    if (text !== undefined) out.write({ stream: `${text}\n` });
  };
}

async function build(x: Exchange): Promise<void> {
  const request = readRequest(x.query);
  const { store } = x.ctx;
  const out = new ProgressWriter(x.res);
  out.begin();
  let dispose: (() => Promise<void>) | undefined;
  try {
    const body = limitedStream(x.req, MAX_BUILD_CONTEXT_BYTES, 'build context');
    const unpacked = await unpackContext(
      body,
      imageStoreLayout(store.paths.graphRoot).tmpDir,
      !store.paths.rootless,
    );
    dispose = unpacked.dispose;
    const tagged: string[] = [];
    const result = await buildImage(store, {
      contextDir: unpacked.dir,
      file: dockerfilePath(unpacked.dir, request.dockerfile),
      tags: request.tags,
      buildArgs: request.buildArgs,
      labels: request.labels,
      target: request.target,
      noCache: request.noCache,
      pull: request.pull,
      platform: request.platform,
      network: request.network,
      // Docker clients read Docker's manifest media types; podman's compat API builds them too.
      format: 'docker',
      registriesConf: loadRegistriesConf(),
      // A client that goes away (Ctrl-C on docker build) stops the build; nothing is tagged.
      signal: x.signal,
      onEvent: streamWriter(out, request.quiet, tagged),
    });
    const id = `sha256:${result.imageId}`;
    out.write({ aux: { ID: id } });
    if (request.quiet) out.write({ stream: `${id}\n` });
    else {
      out.write({ stream: `Successfully built ${result.imageId.slice(0, 12)}\n` });
      for (const name of tagged) out.write({ stream: `Successfully tagged ${name}\n` });
    }
  } catch (error) {
    out.fail(error);
  } finally {
    await dispose?.();
  }
  out.end();
}

export const BUILD_ROUTES: Route[] = [{ method: 'POST', path: '/build', handle: build }];
