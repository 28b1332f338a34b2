// Container routes of the Docker API over the container domain's functions (the same ones the
// CLI calls, which also append the events): list, create, inspect, the lifecycle verbs, wait,
// rename, top, prune and delete.
import { loadRegistriesConf } from '../config/registries-conf.js';
import {
  createContainer,
  killContainer,
  pauseContainer,
  removeContainer,
  restartContainer,
  startContainer,
  stopContainer,
} from '../container/container-lifecycle.js';
import { listContainers } from '../container/container-list.js';
import { requireContainer } from '../container/container-lookup.js';
import { pruneContainers } from '../container/container-prune.js';
import { renameContainer } from '../container/container-rename.js';
import { containerDiskUsage } from '../container/container-size.js';
import { ACTIVE_STATUSES } from '../container/container-state.js';
import { syncContainer } from '../container/container-sync.js';
import { containerTop } from '../container/container-top.js';
import { parseSignal } from '../container/signals.js';
import { ApiError, errorMessage } from './api-errors.js';
import { queryFlag, queryInt, sendJson, sendNoContent, type Exchange, type Route } from './api-context.js';
import { createBodySchema, createRequestFromBody } from './container-create-body.js';
import { dockerInspect, dockerSummary } from './container-shapes.js';
import { parseWaitCondition, waitForCondition } from './container-wait.js';
import { dockerFilters } from './docker-filters.js';
import { readJson } from './http-body.js';

async function current(x: Exchange) {
  const { store } = x.ctx;
  return syncContainer(store, requireContainer(store.db, x.params.id!));
}

async function list(x: Exchange): Promise<void> {
  const { store } = x.ctx;
  const all = queryFlag(x.query, 'all');
  let records = await listContainers(store, { all, filters: dockerFilters(x.query) });
  // Docker lists the newest first; `limit` keeps the newest N (and implies all).
  records = records.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const limit = queryInt(x.query, 'limit');
  if (limit !== undefined && limit > 0) records = records.slice(0, limit);
  const size = queryFlag(x.query, 'size');
  const now = Date.now();
  sendJson(
    x.res,
    200,
    records.map((r) => dockerSummary(store, r, { size, now })),
  );
}

async function create(x: Exchange): Promise<void> {
  const body = await readJson(x.req, createBodySchema, 'container create body');
  const name = x.query.get('name') ?? undefined;
  const request = createRequestFromBody(body, name);
  const record = await createContainer(x.ctx.store, {
    ...request,
    searchRegistries: loadRegistriesConf().unqualifiedSearchRegistries,
    runtime: x.ctx.runtime,
  });
  sendJson(x.res, 201, { Id: record.id, Warnings: [] });
}

async function inspect(x: Exchange): Promise<void> {
  const record = await current(x);
  const shape = dockerInspect(x.ctx.store, record);
  if (queryFlag(x.query, 'size')) {
    const usage = containerDiskUsage(x.ctx.store, record);
    shape.SizeRw = usage.rw;
    shape.SizeRootFs = usage.rootFs;
  }
  sendJson(x.res, 200, shape);
}

/** Docker's stop timeout: `t` (seconds); -1 or absent: the container's own. */
function stopTimeout(x: Exchange): number | undefined {
  const t = queryInt(x.query, 't');
  return t === undefined || t < 0 ? undefined : t;
}

async function start(x: Exchange): Promise<void> {
  const record = await current(x);
  // Docker answers 304 for a container that already runs.
  if (ACTIVE_STATUSES.has(record.state.status)) return sendNoContent(x.res, 304);
  await startContainer(x.ctx.store, record.id, x.ctx.attaches.startOptions(record.id));
  sendNoContent(x.res);
}

async function stop(x: Exchange): Promise<void> {
  const record = await current(x);
  if (!ACTIVE_STATUSES.has(record.state.status) && record.state.status !== 'initialized')
    return sendNoContent(x.res, 304);
  await stopContainer(x.ctx.store, record.id, { timeout: stopTimeout(x) });
  sendNoContent(x.res);
}

async function kill(x: Exchange): Promise<void> {
  const signal = parseSignal(x.query.get('signal') || 'KILL');
  await killContainer(x.ctx.store, x.params.id!, signal);
  sendNoContent(x.res);
}

async function restart(x: Exchange): Promise<void> {
  await restartContainer(x.ctx.store, x.params.id!, stopTimeout(x));
  sendNoContent(x.res);
}

const pauseRoute = (pause: boolean) => async (x: Exchange) => {
  await pauseContainer(x.ctx.store, x.params.id!, pause);
  sendNoContent(x.res);
};

async function wait(x: Exchange): Promise<void> {
  const condition = parseWaitCondition(x.query.get('condition'));
  const id = requireContainer(x.ctx.store.db, x.params.id!).id;
  // Headers go out at once: `docker run` sends its wait before it starts the container and
  // blocks until the response has begun.
  x.res.writeHead(200, { 'Content-Type': 'application/json' });
  x.res.flushHeaders();
  try {
    const code = await waitForCondition(x.ctx.store, id, condition, x.signal);
    x.res.end(JSON.stringify({ StatusCode: code, Error: null }));
  } catch (error) {
    x.res.end(JSON.stringify({ StatusCode: -1, Error: { Message: errorMessage(error) } }));
  }
}

async function rename(x: Exchange): Promise<void> {
  const name = x.query.get('name');
  if (!name) throw new ApiError(400, 'rename needs the new name: add ?name=NEW_NAME');
  await renameContainer(x.ctx.store, x.params.id!, name);
  sendNoContent(x.res);
}

async function top(x: Exchange): Promise<void> {
  const psArgs = (x.query.get('ps_args') ?? '').split(/\s+/).filter(Boolean);
  const result = await containerTop(x.ctx.store, x.params.id!, psArgs);
  if ('rows' in result) {
    const [titles = [], ...processes] = result.rows;
    return sendJson(x.res, 200, { Titles: titles, Processes: processes });
  }
  // ps(1) output: the first line holds the titles, columns separated by runs of spaces.
  const [head = '', ...lines] = result.lines;
  const titles = head.trim().split(/\s+/);
  const processes = lines
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      return [...cells.slice(0, titles.length - 1), cells.slice(titles.length - 1).join(' ')];
    });
  sendJson(x.res, 200, { Titles: titles, Processes: processes });
}

async function prune(x: Exchange): Promise<void> {
  const report = await pruneContainers(x.ctx.store, dockerFilters(x.query));
  if (report.errors.length > 0 && report.removed.length === 0)
    throw new ApiError(500, report.errors.map((e) => `${e.id}: ${e.message}`).join('; '));
  sendJson(x.res, 200, { ContainersDeleted: report.removed, SpaceReclaimed: 0 });
}

async function remove(x: Exchange): Promise<void> {
  await removeContainer(x.ctx.store, x.params.id!, {
    force: queryFlag(x.query, 'force'),
    volumes: queryFlag(x.query, 'v'),
  });
  sendNoContent(x.res);
}

export const CONTAINER_ROUTES: Route[] = [
  { method: 'GET', path: '/containers/json', handle: list },
  { method: 'POST', path: '/containers/create', handle: create },
  { method: 'POST', path: '/containers/prune', handle: prune },
  { method: 'GET', path: '/containers/{id}/json', handle: inspect },
  { method: 'POST', path: '/containers/{id}/start', handle: start },
  { method: 'POST', path: '/containers/{id}/stop', handle: stop },
  { method: 'POST', path: '/containers/{id}/kill', handle: kill },
  { method: 'POST', path: '/containers/{id}/restart', handle: restart },
  { method: 'POST', path: '/containers/{id}/pause', handle: pauseRoute(true) },
  { method: 'POST', path: '/containers/{id}/unpause', handle: pauseRoute(false) },
  { method: 'POST', path: '/containers/{id}/wait', handle: wait },
  { method: 'POST', path: '/containers/{id}/rename', handle: rename },
  { method: 'GET', path: '/containers/{id}/top', handle: top },
  { method: 'DELETE', path: '/containers/{id}', handle: remove },
];
