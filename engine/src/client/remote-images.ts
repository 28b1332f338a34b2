// The images domain over the Docker API: list, inspect, history, layers, tag, remove, prune, and
// the pull stream (Docker's JSON progress lines as the contract's PullProgress; cancelling aborts
// the request, which stops the pull on the service) and the push stream (remote-push.ts).
// A layer's files are not offered: the Docker API has no call for them, and its image archive
// (GET /images/{name}/get) would send the whole image, every layer, to list one, since telling
// added from modified needs the layers below as well.
import type { DomainCalls, EngineStreams, StreamParams } from '../contract/engine-contract.js';
import type {
  ImageHistoryRow,
  ImageLayer,
  ImageRemovalReport,
  PullProgress,
} from '../contract/image-types.js';
import { EngineError } from '../service/engine-error.js';
import { jsonLines } from './api-transport.js';
import { imageInspectFromDocker, imageSummaryFromDocker, stripSha } from './docker-shapes.js';
import { DOCKER, dockerFilterParam, enc, type RemoteContext } from './remote-context.js';
import { remotePush } from './remote-push.js';
import { registryAuthHeader } from './remote-registries.js';

type ImageCalls = DomainCalls<'images'>;
type ImageStreams = Pick<EngineStreams, 'images.pull' | 'images.push'>;
type Json = Record<string, unknown>;

/** `name[:tag]` split at the tag's colon (not a registry port's). */
export function splitTag(reference: string): { repo: string; tag?: string; digest?: string } {
  const at = reference.indexOf('@');
  if (at >= 0) return { repo: reference.slice(0, at), digest: reference.slice(at + 1) };
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  if (colon > slash) return { repo: reference.slice(0, colon), tag: reference.slice(colon + 1) };
  return { repo: reference };
}

/**
 * Layers with their steps from Docker's history (newest first, 0 bytes for steps that made no
 * layer): the steps with bytes, oldest first, pair with the layers when they are as many.
 */
export function layersFromHistory(
  diffIds: readonly string[],
  history: readonly ImageHistoryRow[],
): ImageLayer[] {
  const steps = [...history].reverse().filter((row) => row.size > 0);
  const paired = steps.length === diffIds.length;
  return diffIds.map((diffId, index) => {
    const step = paired ? steps[index] : undefined;
    return {
      index,
      diffId,
      size: step?.size ?? 0,
      createdBy: step?.createdBy ?? '',
      created: step?.created ?? '',
      comment: step?.comment ?? '',
    };
  });
}

export function remoteImageCalls({ api }: RemoteContext): ImageCalls {
  const history = async (image: string): Promise<ImageHistoryRow[]> =>
    (await api.json<Json[]>('GET', `${DOCKER}/images/${enc(image)}/history`)).map((row) => ({
      id: row.Id === '<missing>' ? '<missing>' : stripSha(row.Id),
      created: Number(row.Created) > 0 ? new Date(Number(row.Created) * 1000).toISOString() : '',
      createdBy: String(row.CreatedBy ?? ''),
      size: Number(row.Size ?? 0),
      comment: String(row.Comment ?? ''),
      tags: Array.isArray(row.Tags) ? row.Tags.map(String) : null,
    }));
  return {
    'images.list': async ({ filters }) =>
      (
        await api.json<Json[]>('GET', `${DOCKER}/images/json`, {
          query: { filters: dockerFilterParam(filters) },
        })
      ).map(imageSummaryFromDocker),
    'images.inspect': async ({ image }) =>
      imageInspectFromDocker(await api.json<Json>('GET', `${DOCKER}/images/${enc(image)}/json`)),
    'images.history': async ({ image }) => history(image),
    'images.layers': async ({ image }) => {
      const inspect = imageInspectFromDocker(
        await api.json<Json>('GET', `${DOCKER}/images/${enc(image)}/json`),
      );
      return layersFromHistory(inspect.RootFS.Layers, await history(inspect.Id));
    },
    'images.layerFiles': async () => {
      throw new EngineError(
        "listing a layer's files needs a local engine: the Docker API this connection speaks has no call for it " +
          "(its image archive would send the whole image to list one layer): explore the image's layers with Berth on the engine's own host",
        'engine',
      );
    },
    'images.remove': async ({ images, force }) => {
      const report: ImageRemovalReport = { untagged: [], deleted: [], errors: [] };
      for (const image of images) {
        try {
          const lines = await api.json<Array<{ Untagged?: string; Deleted?: string }>>(
            'DELETE',
            `${DOCKER}/images/${enc(image)}`,
            { query: { force } },
          );
          for (const line of lines ?? []) {
            if (line.Untagged) report.untagged.push(line.Untagged);
            if (line.Deleted) report.deleted.push(stripSha(line.Deleted));
          }
        } catch (error) {
          report.errors.push({
            message: (error as Error).message,
            code:
              error instanceof EngineError && error.wireCode !== 'invalid-input' ? error.wireCode : 'engine',
          });
        }
      }
      return report;
    },
    'images.tag': async ({ image, tags }) => {
      for (const name of tags) {
        const { repo, tag } = splitTag(name);
        await api.request('POST', `${DOCKER}/images/${enc(image)}/tag`, {
          query: { repo, tag: tag ?? 'latest' },
        });
      }
      return { tags: [...tags] };
    },
    'images.prune': async ({ all }) => {
      const report = await api.json<{ ImagesDeleted: Array<{ Deleted?: string }> | null }>(
        'POST',
        `${DOCKER}/images/prune`,
        { query: { filters: all ? JSON.stringify({ dangling: ['false'] }) : undefined } },
      );
      return {
        removed: (report.ImagesDeleted ?? []).flatMap((d) => (d.Deleted ? [stripSha(d.Deleted)] : [])),
      };
    },
  };
}

interface ProgressLine {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

/** One Docker progress line as the contract's progress item (undefined: nothing to report). */
export function pullProgressFrom(line: ProgressLine): PullProgress | undefined {
  const status = line.status ?? '';
  const id = line.id ?? '';
  const layer = (s: 'skipped' | 'started' | 'progress' | 'done', done = 0, total = 0): PullProgress => ({
    type: 'layer',
    digest: id,
    diffId: '',
    status: s,
    done,
    total,
  });
  if (status === 'Pulling fs layer' || status === 'Waiting') return layer('started');
  if (status === 'Already exists') return layer('skipped');
  if (status === 'Downloading' || status === 'Copying blob')
    return layer('progress', line.progressDetail?.current ?? 0, line.progressDetail?.total ?? 0);
  if (status === 'Pull complete') return layer('done');
  if (status.startsWith('Warning: ')) return { type: 'warning', message: status.slice('Warning: '.length) };
  return undefined;
}

async function* pull(
  { api }: RemoteContext,
  input: StreamParams<'images.pull'>,
  signal: AbortSignal,
): AsyncGenerator<PullProgress> {
  const { repo, tag, digest } = splitTag(input.reference);
  // Without a tag Docker's API pulls every tag of the repository; the CLI's default is latest.
  const query = { fromImage: repo, tag: digest ?? tag ?? 'latest', platform: input.platform };
  yield { type: 'trying', reference: input.reference };
  const path = `${DOCKER}/images/create`;
  const auth = registryAuthHeader(repo);
  const headers = auth ? { 'X-Registry-Auth': auth } : undefined;
  const res = await api.check('POST', path, await api.open('POST', path, { query, signal, headers }));
  let manifestDigest = '';
  try {
    for await (const line of jsonLines<ProgressLine>(res)) {
      if (line.error || line.errorDetail)
        throw new EngineError(
          `pulling ${input.reference}: ${line.errorDetail?.message ?? line.error}`,
          'engine',
        );
      const digestLine = /^Digest: (\S+)/.exec(line.status ?? '');
      if (digestLine) manifestDigest = digestLine[1]!;
      const item = pullProgressFrom(line);
      if (item) yield item;
    }
  } finally {
    res.destroy();
  }
  const name = digest ? `${repo}@${digest}` : `${repo}:${tag ?? 'latest'}`;
  const image = await api.json<Json>('GET', `${DOCKER}/images/${enc(name)}/json`);
  const layers = ((image.RootFS as Json | undefined)?.Layers as unknown[] | undefined)?.length ?? 0;
  yield { type: 'resolved', reference: name, manifestDigest, layers };
  yield {
    type: 'stored',
    imageId: stripSha(image.Id),
    names: Array.isArray(image.RepoTags) ? image.RepoTags.map(String) : [name],
  };
}

export function remoteImageStreams(ctx: RemoteContext): ImageStreams {
  return {
    'images.pull': (input, { signal }) => pull(ctx, input, signal),
    'images.push': (input, { signal }) => remotePush(ctx, input, signal),
  };
}
