// Volume routes of the Docker API over the volume domain (the functions `berth volume ...`
// calls, with the same events): list (`{"Volumes": [...], "Warnings": []}`), create, inspect,
// remove, prune.
import { z } from 'zod';
import {
  createVolume,
  inspectVolume,
  listVolumeRecords,
  pruneVolumes,
  removeVolume,
  requireVolume,
  volumeListFilter,
  volumePruneFilter,
} from '../volume/index.js';
import { queryFlag, sendJson, sendNoContent, type Exchange, type Route } from './api-context.js';
import { dockerFilters } from './docker-filters.js';
import { readJson } from './http-body.js';

function dockerVolume(data: ReturnType<typeof inspectVolume>): Record<string, unknown> {
  return {
    CreatedAt: data.CreatedAt,
    Driver: data.Driver,
    Labels: data.Labels ?? {},
    Mountpoint: data.Mountpoint,
    Name: data.Name,
    Options: data.Options ?? {},
    Scope: 'local',
  };
}

async function list(x: Exchange): Promise<void> {
  const { db } = x.ctx.store;
  const predicate = volumeListFilter(db, dockerFilters(x.query));
  const volumes = listVolumeRecords(db)
    .filter(predicate)
    .map((v) => dockerVolume(inspectVolume(v)));
  sendJson(x.res, 200, { Volumes: volumes, Warnings: [] });
}

const createSchema = z
  .object({
    Name: z.string().nullish(),
    Driver: z.string().nullish(),
    DriverOpts: z.record(z.string(), z.string()).nullish(),
    Labels: z.record(z.string(), z.string()).nullish(),
  })
  .loose();

async function create(x: Exchange): Promise<void> {
  const body = await readJson(x.req, createSchema, 'volume create body');
  // Docker returns the existing volume when the name is taken.
  const { volume } = await createVolume(x.ctx.store, {
    name: body.Name || undefined,
    driver: body.Driver || undefined,
    options: body.DriverOpts ?? {},
    labels: body.Labels ?? {},
    ignoreIfExists: true,
  });
  sendJson(x.res, 201, dockerVolume(inspectVolume(volume)));
}

async function inspect(x: Exchange): Promise<void> {
  sendJson(x.res, 200, dockerVolume(inspectVolume(requireVolume(x.ctx.store.db, x.params.name!))));
}

async function remove(x: Exchange): Promise<void> {
  await removeVolume(x.ctx.store, x.params.name!, { force: queryFlag(x.query, 'force') });
  sendNoContent(x.res);
}

async function prune(x: Exchange): Promise<void> {
  const { filter, all } = volumePruneFilter(x.ctx.store.db, dockerFilters(x.query));
  const removed = await pruneVolumes(x.ctx.store, { all, filter });
  sendJson(x.res, 200, { VolumesDeleted: removed, SpaceReclaimed: 0 });
}

export const VOLUME_ROUTES: Route[] = [
  { method: 'GET', path: '/volumes', handle: list },
  { method: 'POST', path: '/volumes/create', handle: create },
  { method: 'POST', path: '/volumes/prune', handle: prune },
  { method: 'GET', path: '/volumes/{name}', handle: inspect },
  { method: 'DELETE', path: '/volumes/{name}', handle: remove },
];
