// `POST /containers/{id}/attach` (hijacked): the container's stdio over the connection, framed
// without a TTY, raw with one; stdin from the client when asked and the container keeps it open.
// A container not running yet is attached when it starts (pending-attaches.ts); the connection
// ends when the container exits or the client types the detach keys.
import { requireContainer } from '../container/container-lookup.js';
import { containerPaths } from '../container/container-paths.js';
import type { ContainerRecord } from '../container/container-records.js';
import { syncContainer } from '../container/container-sync.js';
import { getContainerRecord } from '../container/container-records.js';
import { openAttachSession, pumpAttachStreams, type AttachSession } from '../runtime/attach.js';
import type { Store } from '../state/store.js';
import { ApiError } from './api-errors.js';
import { queryFlag, type HijackExchange, type Route } from './api-context.js';
import type { PendingAttaches } from './pending-attaches.js';
import { MULTIPLEXED_STREAM, RAW_STREAM, streamWriter } from './stream-framing.js';
import { PassThrough, Writable, type Readable } from 'node:stream';

const START_POLL_MS = 250;

const isUp = (record: ContainerRecord) =>
  record.state.status === 'running' || record.state.status === 'paused';

/** Connects now if the container runs, else when it starts (by this service or by anyone). */
function sessionWhenStarted(
  store: Store,
  attaches: PendingAttaches,
  record: ContainerRecord,
  stdin: boolean,
  signal: AbortSignal,
): Promise<AttachSession> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (work: () => void) => {
      if (settled) return;
      settled = true;
      remove();
      clearInterval(poll);
      signal.removeEventListener('abort', onAbort);
      work();
    };
    const remove = attaches.add(record.id, {
      stdin,
      connect: async (paths) => {
        const session = await openAttachSession(paths.attachSocket);
        settle(() => resolve(session));
      },
    });
    // Started by another process (`berth start`): attach late; the log still has the start.
    const poll = setInterval(() => {
      const current = getContainerRecord(store.db, record.id);
      if (!current)
        return settle(() =>
          reject(new ApiError(404, `container ${record.name} was removed while waiting to attach`)),
        );
      if (!isUp(current)) return;
      openAttachSession(containerPaths(store.paths, record.id).attachSocket).then(
        (session) => {
          if (settled) session.close();
          else settle(() => resolve(session));
        },
        () => undefined, // not ready yet: the next tick retries
      );
    }, START_POLL_MS);
    const onAbort = () => settle(() => reject(new ApiError(499, 'the client went away')));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The docker CLI opens a TTY attach by sending one NUL byte on the hijacked connection; passed
 * on, the container's terminal would echo it as "^@". A lone leading NUL is dropped for TTYs.
 */
function withoutPrimingByte(input: Readable): Readable {
  let first = true;
  const out = new PassThrough();
  input.on('data', (chunk: Buffer) => {
    const data = first && chunk.length >= 1 && chunk[0] === 0 ? chunk.subarray(1) : chunk;
    first = false;
    if (data.length > 0) out.write(data);
  });
  input.once('end', () => out.end());
  return out;
}

const nowhere = () => new Writable({ write: (_chunk, _encoding, callback) => callback() });

async function attach(x: HijackExchange): Promise<void> {
  const { store } = x.ctx;
  const record = await syncContainer(store, requireContainer(store.db, x.params.id!));
  if (record.state.status === 'removing')
    throw new ApiError(409, `container ${record.name} is being removed: cannot attach`);
  const wantStdin = queryFlag(x.query, 'stdin') && record.config.interactive;
  const tty = record.config.tty;
  x.begin(tty ? RAW_STREAM : MULTIPLEXED_STREAM);
  if (!queryFlag(x.query, 'stream')) return x.finish();
  const session = isUp(record)
    ? await openAttachSession(containerPaths(store.paths, record.id).attachSocket)
    : await sessionWhenStarted(store, x.ctx.attaches, record, wantStdin, x.signal);
  const abort = () => session.close();
  x.signal.addEventListener('abort', abort, { once: true });
  try {
    await pumpAttachStreams(session, {
      stdin: wantStdin && x.input ? (tty ? withoutPrimingByte(x.input) : x.input) : undefined,
      stdout: queryFlag(x.query, 'stdout') ? streamWriter(x.output, 1, !tty) : nowhere(),
      stderr: queryFlag(x.query, 'stderr') ? streamWriter(x.output, 2, !tty) : nowhere(),
      terminal: tty,
      detachKeys: x.query.get('detachKeys') ?? undefined,
    });
  } finally {
    x.signal.removeEventListener('abort', abort);
    session.close();
    x.finish();
  }
}

export const ATTACH_ROUTES: Route[] = [{ method: 'POST', path: '/containers/{id}/attach', hijack: attach }];
