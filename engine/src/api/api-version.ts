// Docker Engine API version negotiation: clients ask `/_ping` for the server's API-Version and
// then prefix paths with `/vX.Y`; unversioned paths mean the newest. Versions outside the range
// are refused the way dockerd refuses them, so a client learns what to do.
import { ApiError } from './api-errors.js';

/** The Docker API version Berth speaks (the shapes below follow this version's documentation). */
export const API_VERSION = '1.43';
/** The oldest version whose request shapes Berth still accepts. */
export const MIN_API_VERSION = '1.24';

const VERSION_PREFIX = /^\/v(\d+)\.(\d+)(?=\/)/;
/** Podman's libpod routes carry podman's own version (`/v4.0.0/libpod/...`), not Docker's. */
const LIBPOD_PREFIX = /^\/v\d+(?:\.\d+){0,2}(?=\/libpod\/)/;

function compare(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}

/** Splits `/v1.41/containers/json` into the version and the route path; checks the range. */
export function splitVersion(pathname: string): { version: string; path: string } {
  const libpod = LIBPOD_PREFIX.exec(pathname);
  if (libpod) return { version: API_VERSION, path: pathname.slice(libpod[0].length) };
  const match = VERSION_PREFIX.exec(pathname);
  if (!match) return { version: API_VERSION, path: pathname };
  const version = `${match[1]}.${match[2]}`;
  if (compare(version, API_VERSION) > 0)
    throw new ApiError(
      400,
      `client version ${version} is too new. Maximum supported API version is ${API_VERSION}: negotiate with GET /_ping or use /v${API_VERSION}`,
    );
  if (compare(version, MIN_API_VERSION) < 0)
    throw new ApiError(
      400,
      `client version ${version} is too old. Minimum supported API version is ${MIN_API_VERSION}, please upgrade your client to a newer version`,
    );
  return { version, path: pathname.slice(match[0].length) };
}
