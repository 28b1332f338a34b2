import { describe, expect, it } from 'vitest';
import type { ApiError } from './api-errors.js';
import type { Route } from './api-context.js';
import { Router } from './router.js';

const handle = async () => undefined;
const routes: Route[] = [
  { method: 'GET', path: '/images/json', handle },
  { method: 'GET', path: '/images/{name*}/json', handle },
  { method: 'GET', path: '/containers/{id}/json', handle },
  { method: 'GET', path: '/libpod/pods/{name}/json', handle },
];

describe('Router', () => {
  const router = new Router(routes);
  it('matches versioned and unversioned paths, image names across slashes', () => {
    expect(router.match('GET', '/v1.41/containers/abc/json')).toMatchObject({
      params: { id: 'abc' },
      version: '1.41',
    });
    expect(router.match('GET', '/containers/abc/json').version).toBe('1.43');
    expect(router.match('GET', '/images/127.0.0.1:5000/library/busybox:latest/json').params).toEqual({
      name: '127.0.0.1:5000/library/busybox:latest',
    });
    expect(router.match('GET', '/images/json').route.path).toBe('/images/json');
  });
  it("takes podman's libpod version prefix, which is not a Docker API version", () => {
    expect(router.match('GET', '/v4.0.0/libpod/pods/web/json')).toMatchObject({
      params: { name: 'web' },
      version: '1.43',
    });
    expect(router.match('GET', '/v5.1/libpod/pods/web/json').params).toEqual({ name: 'web' });
    expect(router.match('GET', '/libpod/pods/web/json').params).toEqual({ name: 'web' });
  });
  it('answers 404 for unknown paths, 405 for other methods, 400 for versions out of range', () => {
    const status = (method: string, p: string) => {
      try {
        router.match(method, p);
        return 200;
      } catch (error) {
        return (error as ApiError).status;
      }
    };
    expect(status('GET', '/nope')).toBe(404);
    expect(status('POST', '/images/json')).toBe(405);
    expect(status('GET', '/v1.99/images/json')).toBe(400);
    expect(status('GET', '/v1.12/images/json')).toBe(400);
  });
});
