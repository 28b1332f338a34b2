// A container's log: the last lines first (tail), then new lines as they are written while the
// container runs (follow). Pause freezes the view (new lines wait, counted); search highlights
// matches and jumps between them; timestamps on demand; download saves what was read. Only the
// lines in view are in the DOM, so a long log scrolls as fast as a short one. When a stopped
// container starts again, following resumes after the last line shown.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ContainerLogLine } from '../../../../engine/src/contract/container-types.js';
import { useEngine } from '../../api/engine-context.js';
import { markEach, PERF_MARKS } from '../../app/perf-marks.js';
import { saveTextFile } from '../../components/save-text-file.js';
import { highlightParts, logFileText, matchingLines } from './log-text.js';

const LINE_HEIGHT = 18;
const OVERSCAN = 20;
/** New lines are shown in batches: one render per batch, not per line. */
const FLUSH_MS = 50;
const TAIL_CHOICES = [
  { value: 1000, label: 'Last 1,000 lines' },
  { value: 10_000, label: 'Last 10,000 lines' },
  { value: -1, label: 'Everything' },
];

interface LogState {
  lines: ContainerLogLine[];
  /** Lines that arrived while paused. */
  waiting: ContainerLogLine[];
  ended: boolean;
  error: string | undefined;
}

export function ContainerDetailsLogs({ containerId, running }: { containerId: string; running: boolean }) {
  const engine = useEngine();
  const [tail, setTail] = useState(1000);
  const [paused, setPaused] = useState(false);
  const [timestamps, setTimestamps] = useState(false);
  const [search, setSearch] = useState('');
  const [matchIndex, setMatchIndex] = useState(0);
  const [, setVersion] = useState(0);
  const state = useRef<LogState>({ lines: [], waiting: [], ended: false, error: undefined });
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  // Bumped to re-open the stream after the container started again.
  const [generation, setGeneration] = useState(0);
  const resumeAfter = useRef<ContainerLogLine | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    const current = state.current;
    const since = resumeAfter.current;
    if (!since) {
      current.lines = [];
      current.waiting = [];
    }
    current.ended = false;
    current.error = undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      setVersion((v) => v + 1);
    };
    const schedule = () => {
      timer ??= setTimeout(flush, FLUSH_MS);
    };
    void (async () => {
      try {
        const stream = engine.stream(
          'containers.logs',
          {
            container: containerId,
            tail: since ? -1 : tail,
            follow: true,
            ...(since ? { since: since.time } : {}),
          },
          { signal: controller.signal, window: 1024 },
        );
        let skipping = since !== undefined;
        for await (const line of stream) {
          // `since` is inclusive: drop what was already shown.
          if (skipping && since && line.time === since.time && line.text === since.text) {
            skipping = false;
            continue;
          }
          skipping = false;
          (pausedRef.current ? current.waiting : current.lines).push(line);
          schedule();
        }
      } catch (error) {
        if (!controller.signal.aborted) current.error = (error as Error).message;
      }
      if (controller.signal.aborted) return;
      current.ended = true;
      resumeAfter.current = current.lines.at(-1) ?? current.waiting.at(-1);
      schedule();
    })();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [engine, containerId, tail, generation]);

  // The stream ends when the container exits; follow again once it runs.
  useEffect(() => {
    if (running && state.current.ended) setGeneration((g) => g + 1);
  }, [running]);

  const { lines, waiting, ended, error } = state.current;
  const matches = useMemo(() => matchingLines(lines, search), [lines, lines.length, search]);
  const hasLines = lines.length > 0;
  useEffect(() => {
    if (hasLines) markEach(PERF_MARKS.logFirstLines);
  }, [hasLines, containerId]);

  const resume = () => {
    state.current.lines.push(...state.current.waiting);
    state.current.waiting = [];
    setPaused(false);
  };

  const download = () => saveTextFile(`${containerId.slice(0, 12)}.log`, logFileText(lines, timestamps));

  const jump = matches.length > 0 ? matches[Math.min(matchIndex, matches.length - 1)] : undefined;

  return (
    <div className="logs-panel">
      <div className="toolbar logs-toolbar">
        <select
          aria-label="Lines to read"
          value={tail}
          onChange={(e) => {
            resumeAfter.current = undefined;
            setTail(Number(e.target.value));
          }}
        >
          {TAIL_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        {paused ? (
          <button type="button" className="button button-small" onClick={resume}>
            Follow{waiting.length > 0 ? ` (${waiting.length} new)` : ''}
          </button>
        ) : (
          <button type="button" className="button button-small" onClick={() => setPaused(true)}>
            Pause
          </button>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} />
          Timestamps
        </label>
        <input
          type="search"
          className="search"
          placeholder="Search the log"
          aria-label="Search the log"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setMatchIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && matches.length > 0)
              setMatchIndex((i) =>
                e.shiftKey ? (i - 1 + matches.length) % matches.length : (i + 1) % matches.length,
              );
          }}
        />
        {search ? (
          <span className="muted" aria-live="polite">
            {matches.length === 0
              ? 'No match'
              : `${Math.min(matchIndex, matches.length - 1) + 1} of ${matches.length} matching lines`}
          </span>
        ) : null}
        <div className="toolbar-actions">
          <span className="muted" aria-live="polite">
            {lines.length} line{lines.length === 1 ? '' : 's'}
            {ended ? ' · not following (the container is not running)' : ''}
          </span>
          <button
            type="button"
            className="button button-small"
            onClick={download}
            disabled={lines.length === 0}
          >
            Download
          </button>
        </div>
      </div>
      {error ? (
        <div className="error-panel" role="alert">
          <strong>Could not read the log.</strong> {error}
        </div>
      ) : null}
      <LogLines
        lines={lines}
        count={lines.length}
        search={search}
        timestamps={timestamps}
        follow={!paused && !search}
        jumpTo={search ? jump : undefined}
      />
    </div>
  );
}

/** Log lines, virtualized: only those in view are in the DOM. Pod logs reuse it with a prefix. */
export function LogLines<L extends ContainerLogLine>({
  lines,
  count,
  search,
  timestamps,
  follow,
  jumpTo,
  label = 'Container log',
  prefix,
}: {
  lines: readonly L[];
  /** The accessible name of the log. */
  label?: string;
  /** What stands before each line (the container it came from, in a pod's log). */
  prefix?: (line: L) => ReactNode;
  /** The lines array grows in place: its length drives re-rendering. */
  count: number;
  search: string;
  timestamps: boolean;
  follow: boolean;
  jumpTo: number | undefined;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(400);
  const [first, setFirst] = useState(0);
  const onScroll = useCallback(() => {
    const element = viewport.current;
    if (element) setFirst(Math.floor(element.scrollTop / LINE_HEIGHT));
  }, []);
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = () => {
      if (element.clientHeight > 0) setHeight(element.clientHeight);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // Following: stay at the bottom as lines arrive.
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element || !follow) return;
    element.scrollTop = count * LINE_HEIGHT;
    setFirst(Math.max(0, count - Math.ceil(height / LINE_HEIGHT)));
  }, [count, follow, height]);
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element || jumpTo === undefined) return;
    const top = Math.max(0, jumpTo * LINE_HEIGHT - height / 2);
    element.scrollTop = top;
    setFirst(Math.floor(top / LINE_HEIGHT));
  }, [jumpTo, height]);

  const start = Math.max(0, first - OVERSCAN);
  const end = Math.min(count, first + Math.ceil(height / LINE_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let index = start; index < end; index++) {
    const line = lines[index]!;
    rows.push(
      <div
        key={index}
        className={`log-line log-${line.stream}${index === jumpTo ? ' log-current' : ''}`}
        style={{ transform: `translateY(${index * LINE_HEIGHT}px)` }}
      >
        {timestamps ? <span className="log-time">{line.time} </span> : null}
        {prefix ? prefix(line) : null}
        {highlightParts(line.text, search).map((part, i) =>
          part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
        )}
      </div>,
    );
  }
  return (
    <div
      ref={viewport}
      className="log-viewport mono"
      onScroll={onScroll}
      role="log"
      aria-label={label}
      tabIndex={0}
    >
      {count === 0 ? <p className="muted log-empty">No output yet.</p> : null}
      <div className="log-spacer" style={{ height: count * LINE_HEIGHT }}>
        {rows}
      </div>
    </div>
  );
}
