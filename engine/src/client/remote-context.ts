// What every remote domain works with: the transport to the service and the path prefixes of
// the two APIs it speaks — Docker's compatible API (Berth's service, podman's, dockerd) and
// podman's libpod routes (Berth's service and podman's only).
import type { ApiTransport } from './api-transport.js';

/** Every compatible service takes this version: podman 4 speaks 1.41, Berth 1.24 to 1.43. */
export const DOCKER = '/v1.41';
export const LIBPOD = '/v4.0.0/libpod';

export interface RemoteContext {
  api: ApiTransport;
}

/** Contract filters (`key=value`) as Docker's `filters` query parameter. */
export function dockerFilterParam(filters: readonly string[]): string | undefined {
  if (filters.length === 0) return undefined;
  const out: Record<string, string[]> = {};
  for (const filter of filters) {
    const eq = filter.indexOf('=');
    const key = eq < 0 ? filter : filter.slice(0, eq);
    (out[key] ??= []).push(eq < 0 ? '' : filter.slice(eq + 1));
  }
  return JSON.stringify(out);
}

export const enc = encodeURIComponent;
