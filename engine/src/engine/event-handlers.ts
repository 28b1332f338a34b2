// The events domain of the contract on a local store: the store's event log (written by every
// process that changes the store: the desktop app, the CLI, the API service), followed.
import type { DomainStreams, StreamParams } from '../contract/engine-contract.js';
import type { EngineEvent } from '../contract/event-types.js';
import { engineEventFrom, EventFilterError, InputTimeError, readEvents } from '../events/index.js';
import { EngineError } from '../service/engine-error.js';
import type { Store } from '../state/store.js';

type EventStreams = DomainStreams<'events'>;

/**
 * inotify wakes a follower as soon as an event is appended; the poll only covers file systems
 * where it stays silent, so it can be slow and an idle follower costs next to nothing.
 */
const FALLBACK_POLL_MS = 5000;

async function* followEvents(
  store: Store,
  input: StreamParams<'events.stream'>,
  signal: AbortSignal,
): AsyncGenerator<EngineEvent> {
  try {
    for await (const event of readEvents(store, {
      since: input.since,
      follow: input.follow,
      filters: input.filters,
      signal,
      pollMs: FALLBACK_POLL_MS,
    }))
      yield engineEventFrom(event);
  } catch (error) {
    if (error instanceof EventFilterError || error instanceof InputTimeError)
      throw new EngineError(error.message, 'invalid-input', { cause: error });
    throw error;
  }
}

export function eventStreams(store: () => Store): EventStreams {
  return {
    'events.stream': (input, { signal }) => followEvents(store(), input, signal),
  };
}
