// The events stream over the Docker API's `/events`: past events since `since`, then (with
// follow) new ones as the service reports them; without follow it stops at the present.
import type { DomainStreams, StreamParams } from '../contract/engine-contract.js';
import type { EngineEvent } from '../contract/event-types.js';
import { jsonLines } from './api-transport.js';
import { eventFromDocker } from './docker-shapes.js';
import { DOCKER, dockerFilterParam, type RemoteContext } from './remote-context.js';

type EventStreams = DomainStreams<'events'>;

function unixSeconds(time: string | undefined): string | undefined {
  if (time === undefined || time === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(time)) return time;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? time : String(Math.floor(ms / 1000));
}

async function* events(
  { api }: RemoteContext,
  input: StreamParams<'events.stream'>,
  signal: AbortSignal,
): AsyncGenerator<EngineEvent> {
  const path = `${DOCKER}/events`;
  const query = {
    since: unixSeconds(input.since),
    until: input.follow ? undefined : String(Math.ceil(Date.now() / 1000)),
    filters: dockerFilterParam(input.filters),
  };
  const res = await api.check('GET', path, await api.open('GET', path, { query, signal }));
  try {
    for await (const event of jsonLines<Record<string, unknown>>(res)) yield eventFromDocker(event);
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    res.destroy();
  }
}

export function remoteEventStreams(ctx: RemoteContext): EventStreams {
  return { 'events.stream': (input, { signal }) => events(ctx, input, signal) };
}
