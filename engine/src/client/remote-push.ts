// The push stream over the Docker API: POST /images/{name}/push?tag= with this machine's login
// for the destination as X-Registry-Auth, and Docker's JSON progress lines as the contract's
// PushProgress. Docker's push takes no destination: a push elsewhere than the image's name first
// tags the image with the destination on the service (the `docker tag` + `docker push` pair), and
// that name stays. Cancelling aborts the request; the service then stops the push before its
// manifest (Berth's service does: the request's signal reaches push-image.ts).
import type { StreamParams } from '../contract/engine-contract.js';
import type { PushProgress } from '../contract/image-types.js';
import { EngineError } from '../service/engine-error.js';
import { jsonLines } from './api-transport.js';
import { imageInspectFromDocker } from './docker-shapes.js';
import { DOCKER, enc, type RemoteContext } from './remote-context.js';
import { splitTag } from './remote-images.js';
import { registryAuthHeader } from './remote-registries.js';

interface PushLine {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  aux?: { Tag?: string; Digest?: string };
  error?: string;
  errorDetail?: { message?: string };
}

type LayerStatus = Extract<PushProgress, { type: 'layer' }>['status'];

/** Docker's per-layer lines as layer items; `totals` keeps each layer's size for its last item. */
export function pushProgressFrom(line: PushLine, totals: Map<string, number>): PushProgress | undefined {
  const status = line.status ?? '';
  const id = line.id ?? '';
  if (line.aux?.Digest) return { type: 'manifest', digest: line.aux.Digest };
  if (!id || !/^[0-9a-f]{12,64}$/.test(id)) return undefined;
  const total = line.progressDetail?.total ?? totals.get(id) ?? 0;
  if (total > 0) totals.set(id, total);
  const layer = (s: LayerStatus, done: number, reason?: 'exists' | 'mounted'): PushProgress => ({
    type: 'layer',
    digest: id,
    diffId: '',
    status: s,
    done,
    total,
    ...(reason ? { reason } : {}),
  });
  if (status === 'Preparing' || status === 'Waiting') return layer('started', 0);
  if (status === 'Pushing') return layer('progress', line.progressDetail?.current ?? 0);
  if (status === 'Pushed') return layer('done', total);
  if (status === 'Layer already exists') return layer('skipped', total, 'exists');
  if (status.startsWith('Mounted from')) return layer('skipped', total, 'mounted');
  return undefined;
}

/** The name to push: the destination (tagged onto the image first), else the image's own name. */
async function nameToPush({ api }: RemoteContext, input: StreamParams<'images.push'>): Promise<string> {
  const image = imageInspectFromDocker(await api.json('GET', `${DOCKER}/images/${enc(input.image)}/json`));
  if (input.destination) {
    const { repo, tag, digest } = splitTag(input.destination.replace(/^docker:\/\//, ''));
    if (digest)
      throw new EngineError(
        `${input.destination}: cannot push to a digest reference: use repository:tag`,
        'invalid-input',
      );
    await api.request('POST', `${DOCKER}/images/${enc(image.Id)}/tag`, {
      query: { repo, tag: tag ?? 'latest' },
    });
    return `${repo}:${tag ?? 'latest'}`;
  }
  // A name the user typed (not an ID) is pushed as typed; an ID pushes the image's first name.
  const named = image.RepoTags.find((t) => t === input.image || t.startsWith(`${input.image}:`));
  const name = named ?? image.RepoTags[0];
  if (!name)
    throw new EngineError(
      `${input.image}: the image has no name to push to: give a destination, e.g. registry.example.com/name:tag`,
      'invalid-input',
    );
  return name;
}

export async function* remotePush(
  ctx: RemoteContext,
  input: StreamParams<'images.push'>,
  signal: AbortSignal,
): AsyncGenerator<PushProgress> {
  const name = await nameToPush(ctx, input);
  const { repo, tag } = splitTag(name);
  const layers = imageInspectFromDocker(await ctx.api.json('GET', `${DOCKER}/images/${enc(name)}/json`))
    .RootFS.Layers.length;
  yield { type: 'started', destination: `${repo}:${tag ?? 'latest'}`, layers };
  const path = `${DOCKER}/images/${enc(repo)}/push`;
  const auth = registryAuthHeader(repo);
  const res = await ctx.api.check(
    'POST',
    path,
    await ctx.api.open('POST', path, {
      query: {
        tag: tag ?? 'latest',
        ...(input.tlsVerify === undefined ? {} : { tlsVerify: input.tlsVerify }),
      },
      signal,
      headers: auth ? { 'X-Registry-Auth': auth } : undefined,
    }),
  );
  const totals = new Map<string, number>();
  let pushed = false;
  try {
    for await (const line of jsonLines<PushLine>(res)) {
      if (line.error || line.errorDetail)
        throw new EngineError(`pushing ${name}: ${line.errorDetail?.message ?? line.error}`, 'engine');
      const item = pushProgressFrom(line, totals);
      if (item?.type === 'manifest') pushed = true;
      if (item) yield item;
    }
  } catch (error) {
    // A cancel cuts the response: that is the stream's end, not a failure.
    if (signal.aborted) return;
    throw error;
  } finally {
    res.destroy();
  }
  if (!pushed && !signal.aborted)
    throw new EngineError(
      `pushing ${name}: the service ended the push without writing the manifest: retry`,
      'engine',
    );
}
