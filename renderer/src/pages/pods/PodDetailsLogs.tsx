// A pod's log: its containers' lines merged (the tail of each first, in time order, then new
// lines as they come while they run), each line prefixed with its container's name in that
// container's colour; a filter keeps one container, search highlights matches.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PodLogLine } from '../../../../engine/src/contract/pod-types.js';
import { useEngine } from '../../api/engine-context.js';
import { LogLines } from '../containers/ContainerDetailsLogs.js';
import type { PodMember } from './pod-rows.js';

/** New lines are shown in batches: one render per batch, not per line. */
const FLUSH_MS = 50;
const TAIL = 1000;
/** Prefix colours (styles.css `.log-prefix-N`), by the container's place in the pod. */
const COLOURS = 6;

export function PodDetailsLogs({
  podId,
  members,
  active,
}: {
  podId: string;
  members: readonly PodMember[];
  active: boolean;
}) {
  const engine = useEngine();
  const [only, setOnly] = useState('');
  const [search, setSearch] = useState('');
  const [, setVersion] = useState(0);
  const lines = useRef<PodLogLine[]>([]);
  const [ended, setEnded] = useState(false);
  const [error, setError] = useState<string | undefined>();
  // Bumped to read again once the pod runs again after its log ended.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    lines.current = [];
    setEnded(false);
    setError(undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setVersion((v) => v + 1);
      }, FLUSH_MS);
    };
    void (async () => {
      try {
        const stream = engine.stream(
          'pods.logs',
          { pod: podId, tail: TAIL, follow: true },
          { signal: controller.signal, window: 1024 },
        );
        for await (const line of stream) {
          lines.current.push(line);
          schedule();
        }
      } catch (failure) {
        if (!controller.signal.aborted) setError((failure as Error).message);
      }
      if (!controller.signal.aborted) {
        setEnded(true);
        schedule();
      }
    })();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [engine, podId, generation]);

  // The stream ends when no container of the pod runs; follow again once one does. Only a change
  // of `active` re-opens it: `ended` turning true must not.
  useEffect(() => {
    if (active && ended) setGeneration((g) => g + 1);
  }, [active]);

  const colour = useMemo(() => new Map(members.map((m, i) => [m.id, i % COLOURS])), [members]);
  const all = lines.current;
  const shown = only ? all.filter((l) => l.containerId === only) : all;
  return (
    <div className="logs-panel">
      <div className="toolbar logs-toolbar">
        <select aria-label="Container filter" value={only} onChange={(e) => setOnly(e.target.value)}>
          <option value="">All containers</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <input
          type="search"
          className="search"
          placeholder="Search the log"
          aria-label="Search the pod log"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <div className="toolbar-actions">
          <span className="muted" aria-live="polite">
            {shown.length} line{shown.length === 1 ? '' : 's'}
            {ended ? ' · not following (no container of the pod runs)' : ''}
          </span>
        </div>
      </div>
      {error ? (
        <div className="error-panel" role="alert">
          <strong>Could not read the pod’s log.</strong> {error}
        </div>
      ) : null}
      <LogLines
        lines={shown}
        count={shown.length}
        search={search}
        timestamps={false}
        follow={!search}
        jumpTo={undefined}
        label="Pod log"
        prefix={(line) => (
          <span className={`log-prefix log-prefix-${colour.get(line.containerId) ?? 0}`}>
            {line.containerName}{' '}
          </span>
        )}
      />
    </div>
  );
}
