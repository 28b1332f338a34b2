// Image routes of the Docker API over the image domain's functions (the ones `berth pull`,
// `images`, `tag`, `rmi`, `save`, `load` and `push` call, with the same events): list, pull
// (`POST /images/create` with the JSON progress stream), push, tag, inspect, history, delete,
// prune, and archives out (`get`) and in (`load`, size-bounded).
import { loadRegistriesConf } from '../config/registries-conf.js';
import { imageHistory } from '../image/image-history.js';
import { inspectImage } from '../image/image-inspect.js';
import { lookupImage, requireImage } from '../image/image-lookup.js';
import { tagImage } from '../image/image-names.js';
import { pruneImages, removeImages } from '../image/image-removal.js';
import { listImages, summarizeImage } from '../image/image-summary.js';
import { LayerStore } from '../image/layer-store.js';
import { loadImages } from '../image/load-image.js';
import { pullImage } from '../image/pull-image.js';
import { pushImage } from '../image/push-image.js';
import { saveImages } from '../image/save-image.js';
import { imageStoreLayout } from '../image/store-layout.js';
import { ApiError } from './api-errors.js';
import { queryFlag, sendJson, type Exchange, type Route } from './api-context.js';
import { sha256 } from './container-shapes.js';
import { dockerFilters } from './docker-filters.js';
import { MAX_ARCHIVE_BYTES, limitedStream } from './http-body.js';
import { dockerImageSummary } from './image-shapes.js';
import { ProgressWriter, pullEventWriter, pushEventWriter } from './image-progress.js';
import { registryCredentials } from './registry-auth-header.js';

const searchRegistries = () => loadRegistriesConf().unqualifiedSearchRegistries;

async function list(x: Exchange): Promise<void> {
  const { db } = x.ctx.store;
  const records = listImages(db, { filters: dockerFilters(x.query), searchRegistries: searchRegistries() });
  sendJson(
    x.res,
    200,
    records
      .map((r) => dockerImageSummary(summarizeImage(db, r)))
      .sort((a, b) => (b.Created as number) - (a.Created as number)),
  );
}

/** `fromImage` plus `tag`, which may also be a digest. */
function pullReference(query: URLSearchParams): string {
  const image = query.get('fromImage');
  if (!image) {
    if (query.get('fromSrc'))
      throw new ApiError(400, 'importing with fromSrc is not supported by this service: use `berth import`');
    throw new ApiError(400, 'pull needs fromImage: add ?fromImage=NAME&tag=TAG');
  }
  const tag = query.get('tag');
  if (!tag || /[:@]/.test(image.slice(image.lastIndexOf('/') + 1))) return image;
  return tag.startsWith('sha256:') ? `${image}@${tag}` : `${image}:${tag}`;
}

async function pull(x: Exchange): Promise<void> {
  const reference = pullReference(x.query);
  const { store } = x.ctx;
  const conf = loadRegistriesConf();
  const before = lookupImage(store.db, reference, conf.unqualifiedSearchRegistries)?.id;
  const out = new ProgressWriter(x.res);
  out.begin();
  const slash = reference.indexOf('/');
  const tagOrDigest = /[@:]([^/@:]+)$/.exec(reference)?.[1] ?? 'latest';
  out.write({
    status: `Pulling from ${slash > 0 ? reference.slice(slash + 1).replace(/[@:][^/]*$/, '') : reference}`,
    id: tagOrDigest,
  });
  try {
    const result = await pullImage(store, {
      reference,
      platform: x.query.get('platform') || undefined,
      creds: registryCredentials(x.req.headers['x-registry-auth']),
      registriesConf: conf,
      signal: x.signal,
      onEvent: pullEventWriter(out),
    });
    out.write({ status: `Digest: ${result.manifestDigest}` });
    out.write({
      status:
        before === result.imageId
          ? `Status: Image is up to date for ${result.name}`
          : `Status: Downloaded newer image for ${result.name}`,
    });
  } catch (error) {
    out.fail(error);
  }
  out.end();
}

async function push(x: Exchange): Promise<void> {
  const tag = x.query.get('tag');
  const name = tag ? `${x.params.name}:${tag}` : x.params.name!;
  const { store } = x.ctx;
  requireImage(store.db, name, searchRegistries());
  const out = new ProgressWriter(x.res);
  out.begin();
  out.write({ status: `The push refers to repository [${x.params.name}]` });
  try {
    const result = await pushImage(store, {
      image: name,
      creds: registryCredentials(x.req.headers['x-registry-auth']),
      // podman's compatible route takes tlsVerify too; absent: registries.conf decides.
      tlsVerify: x.query.get('tlsVerify') ? queryFlag(x.query, 'tlsVerify') : undefined,
      registriesConf: loadRegistriesConf(),
      // A client that hangs up cancels the push: the manifest is not written, no tag appears.
      signal: x.signal,
      onEvent: pushEventWriter(out),
    });
    const shownTag = tag || /:([^/:]+)$/.exec(result.destination)?.[1] || 'latest';
    out.write({ status: `${shownTag}: digest: ${result.manifestDigest}` });
    out.write({ progressDetail: {}, aux: { Tag: shownTag, Digest: result.manifestDigest } });
  } catch (error) {
    out.fail(error);
  }
  out.end();
}

async function tag(x: Exchange): Promise<void> {
  const repo = x.query.get('repo');
  if (!repo) throw new ApiError(400, 'tag needs repo: add ?repo=NAME&tag=TAG');
  const tagName = x.query.get('tag') || 'latest';
  await tagImage(x.ctx.store, x.params.name!, [`${repo}:${tagName}`], searchRegistries());
  x.res.writeHead(201);
  x.res.end();
}

async function inspect(x: Exchange): Promise<void> {
  const { store } = x.ctx;
  const record = requireImage(store.db, x.params.name!, searchRegistries());
  const shape = inspectImage(store.db, record, store.paths.graphRoot);
  sendJson(x.res, 200, {
    ...shape,
    Id: sha256(shape.Id),
    Parent: shape.Parent ? sha256(shape.Parent) : '',
    Container: '',
    DockerVersion: '',
    Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
  });
}

async function history(x: Exchange): Promise<void> {
  const { store } = x.ctx;
  const record = requireImage(store.db, x.params.name!, searchRegistries());
  const layout = imageStoreLayout(store.paths.graphRoot);
  const rows = imageHistory(store.db, record, new LayerStore(layout.layersDir, layout.tmpDir));
  sendJson(
    x.res,
    200,
    rows.map((row) => ({
      Id: row.id === '<missing>' ? row.id : sha256(row.id),
      Created: row.created ? Math.floor(Date.parse(row.created) / 1000) : 0,
      CreatedBy: row.createdBy,
      Tags: row.tags,
      Size: row.size,
      Comment: row.comment,
    })),
  );
}

async function remove(x: Exchange): Promise<void> {
  const report = await removeImages(x.ctx.store, [x.params.name!], {
    force: queryFlag(x.query, 'force'),
    searchRegistries: searchRegistries(),
  });
  if (report.errors.length > 0) throw report.errors[0];
  sendJson(x.res, 200, [
    ...report.untagged.map((name) => ({ Untagged: name })),
    ...report.deleted.map((id) => ({ Deleted: sha256(id) })),
  ]);
}

async function prune(x: Exchange): Promise<void> {
  const filters = dockerFilters(x.query);
  const dangling = filters.find((f) => f.startsWith('dangling='));
  const removed = await pruneImages(x.ctx.store, { all: dangling === 'dangling=false' });
  sendJson(x.res, 200, { ImagesDeleted: removed.map((id) => ({ Deleted: sha256(id) })), SpaceReclaimed: 0 });
}

async function exportImages(x: Exchange, names: string[]): Promise<void> {
  if (names.length === 0) throw new ApiError(400, 'name at least one image to export: add ?names=NAME');
  const { store } = x.ctx;
  const registries = searchRegistries();
  for (const name of names) requireImage(store.db, name, registries);
  x.res.writeHead(200, { 'Content-Type': 'application/x-tar' });
  await saveImages(store, {
    images: names,
    format: 'docker-archive',
    output: x.res,
    searchRegistries: registries,
  });
  x.res.end();
}

async function load(x: Exchange): Promise<void> {
  const input = limitedStream(x.req, MAX_ARCHIVE_BYTES, 'image archive');
  const loaded = await loadImages(x.ctx.store, { input });
  const lines = loaded.flatMap((image) =>
    image.names.length > 0
      ? image.names.map((name) => `Loaded image: ${name}\n`)
      : [`Loaded image ID: ${sha256(image.imageId)}\n`],
  );
  x.res.writeHead(200, { 'Content-Type': 'application/json' });
  x.res.end(lines.map((stream) => `${JSON.stringify({ stream })}\n`).join(''));
}

export const IMAGE_ROUTES: Route[] = [
  { method: 'GET', path: '/images/json', handle: list },
  { method: 'POST', path: '/images/create', handle: pull },
  { method: 'POST', path: '/images/load', handle: load },
  { method: 'POST', path: '/images/prune', handle: prune },
  { method: 'GET', path: '/images/get', handle: (x) => exportImages(x, x.query.getAll('names')) },
  { method: 'GET', path: '/images/{name*}/json', handle: inspect },
  { method: 'GET', path: '/images/{name*}/history', handle: history },
  { method: 'GET', path: '/images/{name*}/get', handle: (x) => exportImages(x, [x.params.name!]) },
  { method: 'POST', path: '/images/{name*}/push', handle: push },
  { method: 'POST', path: '/images/{name*}/tag', handle: tag },
  { method: 'DELETE', path: '/images/{name*}', handle: remove },
];
