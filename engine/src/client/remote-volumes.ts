// The volumes domain over the Docker API (the `local` driver): list, inspect, create, remove and
// prune, in podman's volume shape.
import type { DomainCalls } from '../contract/engine-contract.js';
import type { VolumeRemovalReport } from '../contract/container-types.js';
import { EngineError } from '../service/engine-error.js';
import { volumeFromDocker } from './docker-shapes.js';
import { DOCKER, dockerFilterParam, enc, type RemoteContext } from './remote-context.js';

type VolumeCalls = DomainCalls<'volumes'>;
type Json = Record<string, unknown>;

export function remoteVolumeCalls({ api }: RemoteContext): VolumeCalls {
  return {
    'volumes.list': async ({ filters }) => {
      const list = await api.json<{ Volumes: Json[] | null }>('GET', `${DOCKER}/volumes`, {
        query: { filters: dockerFilterParam(filters) },
      });
      return (list.Volumes ?? []).map(volumeFromDocker).sort((a, b) => a.Name.localeCompare(b.Name));
    },
    'volumes.inspect': async ({ volume }) =>
      volumeFromDocker(await api.json<Json>('GET', `${DOCKER}/volumes/${enc(volume)}`)),
    'volumes.create': async ({ name, labels, options }) =>
      volumeFromDocker(
        await api.json<Json>('POST', `${DOCKER}/volumes/create`, {
          json: { ...(name ? { Name: name } : {}), Driver: 'local', Labels: labels, DriverOpts: options },
        }),
      ),
    'volumes.remove': async ({ volumes, force }) => {
      const report: VolumeRemovalReport = { removed: [], errors: [] };
      for (const volume of volumes) {
        try {
          await api.request('DELETE', `${DOCKER}/volumes/${enc(volume)}`, { query: { force } });
          report.removed.push(volume);
        } catch (error) {
          const code = error instanceof EngineError ? error.wireCode : 'engine';
          report.errors.push({
            message: (error as Error).message,
            code: code === 'invalid-input' ? 'engine' : code,
          });
        }
      }
      return report;
    },
    'volumes.prune': async ({ all, filters }) => {
      // Docker 1.42+ prunes only anonymous volumes unless asked for all; older services prune all unused.
      const list = all ? [...filters, 'all=true'] : filters;
      const report = await api.json<{ VolumesDeleted: string[] | null }>('POST', `${DOCKER}/volumes/prune`, {
        query: { filters: dockerFilterParam(list) },
      });
      return { removed: report.VolumesDeleted ?? [] };
    },
  };
}
