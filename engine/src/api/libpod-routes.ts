// Podman's libpod API (`/v4.0.0/libpod/...`, any version prefix): the subset the desktop app and
// Podman Desktop's extensions need — `_ping`, `info`, `containers/json` in podman's shapes (the
// contract's), the pod routes, and `kube play` / `kube down` / `kube generate` over the kube domain's functions.
import { containerCalls, containerErrorCode } from '../engine/container-handlers.js';
import { withErrorCodes } from '../engine/image-handlers.js';
import {
  downKube,
  formatKubeYaml,
  generateKube,
  KubeError,
  KubeYamlError,
  parseKubeYaml,
  playKube,
} from '../kube/index.js';
import { getPodRecord } from '../pod/pod-records.js';
import { hostReport } from '../system/host-info.js';
import { storeReport } from '../system/store-report.js';
import { versionDetails } from '../system/version-details.js';
import { ApiError } from './api-errors.js';
import { queryFlag, sendJson, type Exchange, type Route } from './api-context.js';
import { API_VERSION } from './api-version.js';
import { dockerFilters } from './docker-filters.js';
import { readBody } from './http-body.js';
import { LIBPOD_POD_ROUTES } from './libpod-pod-routes.js';

/** A Kubernetes YAML of many pods is still text: a few MiB at most. */
const MAX_KUBE_YAML_BYTES = 16 * 1024 * 1024;
/** The libpod API version clients may expect of these routes' shapes. */
export const LIBPOD_API_VERSION = '4.0.0';

function ping(x: Exchange): Promise<void> {
  x.res.writeHead(200, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Api-Version': API_VERSION,
    'Libpod-Api-Version': LIBPOD_API_VERSION,
    'Libpod-Buildah-Version': '',
  });
  x.res.end(x.req.method === 'HEAD' ? undefined : 'OK');
  return Promise.resolve();
}

async function info(x: Exchange): Promise<void> {
  sendJson(x.res, 200, {
    host: await hostReport({ runtime: x.ctx.runtime }),
    store: storeReport(x.ctx.store.paths),
    version: versionDetails(),
  });
}

async function containers(x: Exchange): Promise<void> {
  const { store } = x.ctx;
  const calls = withErrorCodes(
    containerCalls(() => store),
    containerErrorCode,
  );
  const list = await calls['containers.list']({
    all: queryFlag(x.query, 'all'),
    filters: dockerFilters(x.query),
  });
  // The engine's summary names the pod by ID only; podman's ps JSON also has its name.
  sendJson(
    x.res,
    200,
    list.map((c) => (c.Pod && !c.PodName ? { ...c, PodName: getPodRecord(store.db, c.Pod)?.name ?? '' } : c)),
  );
}

/** Kube errors are the request's (bad YAML, a pod that exists) unless the engine failed under them. */
function kubeFailure(error: unknown): unknown {
  if (error instanceof KubeYamlError) return new ApiError(400, error.message, { cause: error });
  if (error instanceof KubeError) return new ApiError(409, error.message, { cause: error });
  return error;
}

async function play(x: Exchange): Promise<void> {
  const text = (await readBody(x.req, MAX_KUBE_YAML_BYTES, 'Kubernetes YAML')).toString('utf8');
  try {
    const manifest = parseKubeYaml(text, '(request body)');
    if (manifest.entries.length === 0)
      throw new ApiError(400, 'no Kubernetes objects in the YAML body: nothing to play');
    const tlsVerify = x.query.get('tlsVerify');
    const result = await playKube(x.ctx.store, manifest, {
      start: queryFlag(x.query, 'start', true),
      replace: queryFlag(x.query, 'replace'),
      tlsVerify: tlsVerify === null ? undefined : queryFlag(x.query, 'tlsVerify'),
    });
    // podman's PlayKubeReport.
    sendJson(x.res, 200, {
      Pods: result.pods.map((pod) => ({
        ID: pod.id,
        Containers: pod.containerIds,
        InitContainers: [],
        Logs: [],
        ContainerErrors: [],
      })),
      Volumes: result.createdVolumes.map((name) => ({ Name: name })),
      ServiceContainerID: '',
    });
  } catch (error) {
    throw kubeFailure(error);
  }
}

/** `kube down` through the API: stops and removes the YAML's pods; volumes stay (podman's DELETE). */
async function down(x: Exchange): Promise<void> {
  const text = (await readBody(x.req, MAX_KUBE_YAML_BYTES, 'Kubernetes YAML')).toString('utf8');
  try {
    const result = await downKube(x.ctx.store, parseKubeYaml(text, '(request body)'), {
      ignoreMissing: true,
    });
    sendJson(x.res, 200, {
      StopReport: result.stopped.map((id) => ({ Id: id, Errs: [] })),
      RmReport: result.removed.map((id) => ({ Id: id, Err: null })),
      Pods: [],
    });
  } catch (error) {
    throw kubeFailure(error);
  }
}

async function generate(x: Exchange): Promise<void> {
  const names = x.query.getAll('names').filter((n) => n !== '');
  if (names.length === 0) throw new ApiError(400, 'generate kube needs names: add ?names=POD_OR_CONTAINER');
  try {
    const result = await generateKube(x.ctx.store, names, { service: queryFlag(x.query, 'service') });
    const body = formatKubeYaml(result.objects);
    x.res.writeHead(200, { 'Content-Type': 'text/vnd.yaml', 'Content-Length': Buffer.byteLength(body) });
    x.res.end(body);
  } catch (error) {
    // A name that matches nothing is a 404, as podman answers it.
    if (error instanceof KubeError && /^no pod or container with name or ID /.test(error.message))
      throw new ApiError(404, error.message, { cause: error });
    throw kubeFailure(error);
  }
}

export const LIBPOD_ROUTES: Route[] = [
  { method: 'GET', path: '/libpod/_ping', handle: ping },
  { method: 'HEAD', path: '/libpod/_ping', handle: ping },
  { method: 'GET', path: '/libpod/info', handle: info },
  { method: 'GET', path: '/libpod/containers/json', handle: containers },
  ...LIBPOD_POD_ROUTES,
  { method: 'POST', path: '/libpod/play/kube', handle: play },
  { method: 'POST', path: '/libpod/kube/play', handle: play },
  { method: 'DELETE', path: '/libpod/play/kube', handle: down },
  { method: 'DELETE', path: '/libpod/kube/play', handle: down },
  { method: 'GET', path: '/libpod/generate/kube', handle: generate },
  { method: 'GET', path: '/libpod/kube/generate', handle: generate },
];
