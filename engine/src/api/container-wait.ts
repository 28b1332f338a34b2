// `POST /containers/{id}/wait?condition=...` as dockerd answers it: `not-running` returns at once
// for a stopped container, `next-exit` waits for the next exit even of a stopped container, and
// `removed` (what `docker run --rm` waits for) until the container is gone. The exit code comes
// from the `died` event in the store's event log, so it is known even when the exit command has
// already removed an --rm container by the time this process looks. A slow poll of the record
// covers stores whose event log is off.
import { requireContainer } from '../container/container-lookup.js';
import { getContainerRecord } from '../container/container-records.js';
import { ACTIVE_STATUSES } from '../container/container-state.js';
import { syncContainer } from '../container/container-sync.js';
import { nowNanos, readEvents, type BerthEvent } from '../events/index.js';
import type { Store } from '../state/store.js';
import { ApiError } from './api-errors.js';

export type WaitCondition = 'not-running' | 'next-exit' | 'removed';

const POLL_MS = 500;

export function parseWaitCondition(value: string | null): WaitCondition {
  const condition = value || 'not-running';
  if (condition !== 'not-running' && condition !== 'next-exit' && condition !== 'removed')
    throw new ApiError(400, `invalid condition "${condition}": use not-running, next-exit or removed`);
  return condition;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** The exit code of the first `died` event of the container since `since`, from the history. */
async function diedCodeSince(store: Store, id: string, since: bigint): Promise<number | undefined> {
  for await (const event of readEvents(store, { since, filters: diedOrRemoved(id) }))
    if (event.Status === 'died') return event.ContainerExitCode;
  return undefined;
}

function diedOrRemoved(id: string) {
  return (event: BerthEvent) =>
    event.Type === 'container' && event.ID === id && (event.Status === 'died' || event.Status === 'remove');
}

/** Resolves with the exit code once the condition holds (or the signal aborts). */
export async function waitForCondition(
  store: Store,
  input: string,
  condition: WaitCondition,
  signal: AbortSignal,
): Promise<number> {
  const since = nowNanos();
  const initial = await syncContainer(store, requireContainer(store.db, input));
  const id = initial.id;
  if (
    condition === 'not-running' &&
    !ACTIVE_STATUSES.has(initial.state.status) &&
    initial.state.status !== 'initialized'
  )
    return initial.state.exitCode;
  const stop = new AbortController();
  const forward = () => stop.abort();
  signal.addEventListener('abort', forward, { once: true });
  let exitCode = initial.state.exitCode;

  const fromEvents = async () => {
    for await (const event of readEvents(store, {
      since,
      follow: true,
      filters: diedOrRemoved(id),
      signal: stop.signal,
      pollMs: 2000,
    })) {
      if (event.Status === 'died') {
        exitCode = event.ContainerExitCode ?? exitCode;
        if (condition !== 'removed') return;
      } else return; // removed
    }
  };
  const fromPolls = async () => {
    while (!stop.signal.aborted) {
      await sleep(POLL_MS, stop.signal);
      const current = getContainerRecord(store.db, id);
      if (!current) {
        exitCode = (await diedCodeSince(store, id, since)) ?? exitCode;
        return;
      }
      const record = await syncContainer(store, current);
      if (record.state.status === 'exited' && record.state.finishedAt !== initial.state.finishedAt) {
        exitCode = record.state.exitCode;
        if (condition !== 'removed') return;
      }
    }
  };
  try {
    await Promise.race([fromEvents(), fromPolls()]);
  } finally {
    signal.removeEventListener('abort', forward);
    stop.abort();
  }
  return exitCode;
}
