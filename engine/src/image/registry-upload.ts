// The push half of the distribution API, on RegistryClient's authorised `send`:
//   HEAD /v2/<repo>/blobs/<digest>                        is it there already?
//   POST /v2/<repo>/blobs/uploads/?mount=<d>&from=<repo>   201: mounted from another repository
//                                                         202: not mounted; an upload session
//   POST /v2/<repo>/blobs/uploads/ then PUT ?digest=       monolithic upload (size known)
//   ... then PATCH (streamed) and PUT ?digest=             chunked upload (size known at the end)
//   PUT /v2/<repo>/manifests/<tag>                        last, once every blob is there
import type { Readable } from 'node:stream';
import { ImageError } from './image-errors.js';
import type { RegistryClient } from './registry-client.js';
import type { HttpResponse } from './registry-http.js';

const pushScope = (repository: string) => `repository:${repository}:pull,push`;

async function expect(
  client: RegistryClient,
  res: HttpResponse,
  statuses: number[],
  what: string,
  scope: string,
): Promise<HttpResponse> {
  if (statuses.includes(res.statusCode)) return res;
  throw await client.failure(res, what, scope);
}

function locationOf(res: HttpResponse, what: string, registry: string): string {
  const location = res.headers.location;
  if (typeof location !== 'string' || location === '')
    throw new ImageError(
      `${what}: ${registry} started an upload but gave no Location: it is not a conforming registry`,
    );
  return location;
}

export async function blobExists(
  client: RegistryClient,
  repository: string,
  digest: string,
): Promise<boolean> {
  const scope = pushScope(repository);
  const res = await client.send(`/v2/${repository}/blobs/${digest}`, scope, { method: 'HEAD' });
  await res.body.dump();
  if (res.statusCode === 200) return true;
  if (res.statusCode === 404) return false;
  throw await client.failure(res, `checking for blob ${digest} in ${client.registry}/${repository}`, scope);
}

/** Mounts a blob from another repository of the same registry; else returns the upload session it opened. */
export async function mountBlob(
  client: RegistryClient,
  repository: string,
  digest: string,
  from: string,
): Promise<{ mounted: true } | { mounted: false; location: string }> {
  const scope = `${pushScope(repository)} repository:${from}:pull`;
  const what = `mounting blob ${digest} from ${from} into ${client.registry}/${repository}`;
  const query = new URLSearchParams({ mount: digest, from });
  const res = await expect(
    client,
    await client.send(`/v2/${repository}/blobs/uploads/?${query}`, scope, { method: 'POST' }),
    [201, 202],
    what,
    scope,
  );
  await res.body.dump();
  return res.statusCode === 201
    ? { mounted: true }
    : { mounted: false, location: locationOf(res, what, client.registry) };
}

export async function startUpload(client: RegistryClient, repository: string): Promise<string> {
  const scope = pushScope(repository);
  const what = `starting an upload to ${client.registry}/${repository}`;
  const res = await expect(
    client,
    await client.send(`/v2/${repository}/blobs/uploads/`, scope, { method: 'POST' }),
    [202],
    what,
    scope,
  );
  await res.body.dump();
  return locationOf(res, what, client.registry);
}

function withDigest(location: string, digest: string): string {
  // The Location may carry its own query (upload state): add to it, do not replace it.
  const url = new URL(location, 'http://placeholder');
  url.searchParams.set('digest', digest);
  return /^https?:\/\//.test(location) ? url.href : `${url.pathname}${url.search}`;
}

/** Uploads a blob whose digest and size are known, in one PUT. */
export async function uploadMonolithic(
  client: RegistryClient,
  repository: string,
  location: string,
  blob: { digest: string; size: number; open: () => Readable | Buffer },
): Promise<void> {
  const scope = pushScope(repository);
  const res = await expect(
    client,
    await client.send(withDigest(location, blob.digest), scope, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(blob.size) },
      body: blob.open,
    }),
    [201, 204],
    `uploading blob ${blob.digest} to ${client.registry}/${repository}`,
    scope,
  );
  await res.body.dump();
}

/**
 * Uploads a stream whose digest is known only at its end (compressed on the way): one streamed
 * PATCH, then a PUT naming the digest `finish()` returns once the stream has ended.
 */
export async function uploadChunked(
  client: RegistryClient,
  repository: string,
  location: string,
  body: Readable,
  finish: () => string,
): Promise<void> {
  const scope = pushScope(repository);
  const what = `uploading a blob to ${client.registry}/${repository}`;
  let once = false;
  const patched = await expect(
    client,
    await client.send(location, scope, {
      method: 'PATCH',
      headers: { 'content-type': 'application/octet-stream' },
      body: () => {
        // A stream cannot be sent twice: a 401 on a PATCH is reported, not retried.
        if (once)
          throw new ImageError(
            `${what}: the registry asked for credentials in the middle of an upload: retry`,
          );
        once = true;
        return body;
      },
    }),
    [202, 204],
    what,
    scope,
  );
  await patched.body.dump();
  const next = typeof patched.headers.location === 'string' ? patched.headers.location : location;
  const put = await expect(
    client,
    await client.send(withDigest(next, finish()), scope, {
      method: 'PUT',
      headers: { 'content-length': '0' },
    }),
    [201, 204],
    what,
    scope,
  );
  await put.body.dump();
}

/** PUT of the manifest; returns the digest the registry stored it under. */
export async function putManifest(
  client: RegistryClient,
  repository: string,
  reference: string,
  manifest: { body: Buffer; mediaType: string; digest: string },
): Promise<string> {
  const scope = pushScope(repository);
  const res = await expect(
    client,
    await client.send(`/v2/${repository}/manifests/${reference}`, scope, {
      method: 'PUT',
      headers: { 'content-type': manifest.mediaType },
      body: () => manifest.body,
    }),
    [201, 202, 204],
    `writing manifest ${reference} to ${client.registry}/${repository}`,
    scope,
  );
  await res.body.dump();
  const stored = res.headers['docker-content-digest'];
  return typeof stored === 'string' && stored !== '' ? stored : manifest.digest;
}
