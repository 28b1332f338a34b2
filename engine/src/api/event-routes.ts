// `GET /events`: the store's event log (the one `berth events` follows, written by every Berth
// process) as Docker's JSON stream. Without `until` it follows until the client goes away; with
// `since` the matching history comes first.
import { compileEventFilters, nowNanos, parseInputTime, readEvents } from '../events/index.js';
import type { Exchange, Route } from './api-context.js';
import { dockerFilters } from './docker-filters.js';
import { dockerEvent, podmanEventName } from './event-shapes.js';
import { drainedOrClosed } from './stream-framing.js';

/** inotify wakes the follower; the poll only covers file systems where it stays silent. */
const FALLBACK_POLL_MS = 5000;

function filters(query: URLSearchParams): string[] {
  return dockerFilters(query).map((filter) => {
    const [key, ...rest] = filter.split('=');
    const value = rest.join('=');
    return key === 'event' ? `event=${podmanEventName(value)}` : filter;
  });
}

async function events(x: Exchange): Promise<void> {
  const since = x.query.get('since') || undefined;
  const until = x.query.get('until') || undefined;
  const wanted = filters(x.query);
  // Bad filters and times are a 400, found before the 200 of the stream goes out.
  compileEventFilters(wanted);
  if (since !== undefined) parseInputTime(since, true);
  const untilNanos = until === undefined ? undefined : parseInputTime(until, false);
  x.res.writeHead(200, { 'Content-Type': 'application/json' });
  x.res.flushHeaders();
  for await (const event of readEvents(x.ctx.store, {
    since,
    until: untilNanos,
    follow: untilNanos === undefined || untilNanos > nowNanos(),
    filters: wanted,
    signal: x.signal,
    pollMs: FALLBACK_POLL_MS,
  })) {
    if (!x.res.write(`${JSON.stringify(dockerEvent(event))}\n`)) await drainedOrClosed(x.res);
  }
  x.res.end();
}

export const EVENT_ROUTES: Route[] = [{ method: 'GET', path: '/events', handle: events }];
