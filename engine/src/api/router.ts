// Matches a request to a route: the version prefix is split off first (api-version.ts), then the
// method and path are matched against each route's pattern in order. Unknown paths answer 404 and
// known paths with another method 405, both in the API's error shape.
import { ApiError } from './api-errors.js';
import type { Route } from './api-context.js';
import { splitVersion } from './api-version.js';

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
  version: string;
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split(/(\{[a-zA-Z]+\*?\})/)
    .map((part) => {
      const param = /^\{([a-zA-Z]+)(\*?)\}$/.exec(part);
      if (!param) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(param[1]!);
      return param[2] ? '(.+)' : '([^/]+)';
    })
    .join('');
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.routes = routes.map(compile);
  }

  match(method: string, pathname: string): RouteMatch {
    const { version, path } = splitVersion(pathname);
    let pathKnown = false;
    for (const { route, pattern, names } of this.routes) {
      const found = pattern.exec(path);
      if (!found) continue;
      pathKnown = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1]!);
      });
      return { route, params, version };
    }
    if (pathKnown)
      throw new ApiError(405, `${method} is not supported on ${path}: see the Docker Engine API`);
    throw new ApiError(404, `page not found: ${method} ${path} is not a route of the Docker Engine API here`);
  }
}
