// Docker clients send registry credentials as `X-Registry-Auth`: base64url of a JSON object with
// `username` and `password` (or an `identitytoken`). The image domain takes `user:password`.
import { ApiError } from './api-errors.js';

export function registryCredentials(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  let parsed: { username?: unknown; password?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw new ApiError(
      400,
      'invalid X-Registry-Auth header: send base64url-encoded JSON with username and password',
    );
  }
  if (typeof parsed.username !== 'string' || parsed.username === '') return undefined;
  return `${parsed.username}:${typeof parsed.password === 'string' ? parsed.password : ''}`;
}
