// `GET /containers/{id}/logs`: the container's k8s-file log (the one `berth logs` reads), framed
// per stream without a TTY and raw with one; follow, tail, since/until and timestamps as Docker
// takes them (`since`/`until` in Unix seconds, 0 for none).
import { containerPaths } from '../container/container-paths.js';
import { rfc3339Nano } from '../events/event-time.js';
import { parseInputTime } from '../events/index.js';
import { readContainerLogs } from '../runtime/k8s-file-log.js';
import { ApiError } from './api-errors.js';
import { queryFlag, type Exchange, type Route } from './api-context.js';
import { requireContainer } from '../container/container-lookup.js';
import { syncContainer } from '../container/container-sync.js';
import { drainedOrClosed, frame, MULTIPLEXED_STREAM, RAW_STREAM } from './stream-framing.js';

/** inotify wakes a follower at once; this only notices the exit where inotify is silent. */
const LOG_POLL_MS = 1000;

function timeQuery(query: URLSearchParams, name: string, since: boolean): bigint | undefined {
  const value = query.get(name);
  if (!value || value === '0') return undefined;
  return parseInputTime(value, since);
}

function tailQuery(query: URLSearchParams): number | undefined {
  const value = query.get('tail');
  if (!value || value === 'all') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new ApiError(400, `invalid tail "${value}": use a number or "all"`);
  return n;
}

async function logs(x: Exchange): Promise<void> {
  const { store } = x.ctx;
  const stdout = queryFlag(x.query, 'stdout');
  const stderr = queryFlag(x.query, 'stderr');
  if (!stdout && !stderr)
    throw new ApiError(
      400,
      'Bad parameters: you must choose at least one stream: add stdout=1 and/or stderr=1',
    );
  const window = {
    since: timeQuery(x.query, 'since', true),
    until: timeQuery(x.query, 'until', false),
    tail: tailQuery(x.query),
  };
  const record = await syncContainer(store, requireContainer(store.db, x.params.id!));
  const paths = containerPaths(store.paths, record.id);
  const running = record.state.status === 'running' || record.state.status === 'paused';
  const tty = record.config.tty;
  const timestamps = queryFlag(x.query, 'timestamps');
  x.res.writeHead(200, { 'Content-Type': tty ? RAW_STREAM : MULTIPLEXED_STREAM });
  x.res.flushHeaders();
  for await (const entry of readContainerLogs(paths.logPath, {
    ...window,
    follow: queryFlag(x.query, 'follow') && running,
    exitFile: paths.exitFile,
    conmonPid: record.state.conmonPid || undefined,
    signal: x.signal,
    pollMs: LOG_POLL_MS,
  })) {
    if (entry.stream === 'stdout' ? !stdout : !stderr) continue;
    const text = `${timestamps ? `${rfc3339Nano(entry.timeNs)} ` : ''}${entry.text}${entry.complete ? '\n' : ''}`;
    const data = Buffer.from(text);
    const ok = x.res.write(tty ? data : frame(entry.stream === 'stderr' ? 2 : 1, data));
    if (!ok) await drainedOrClosed(x.res);
  }
  x.res.end();
}

export const LOGS_ROUTES: Route[] = [{ method: 'GET', path: '/containers/{id}/logs', handle: logs }];
