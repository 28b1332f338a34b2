// The dashboard's recent events: what happened in the store lately (from any process: this app,
// the CLI, the API service), newest first, growing live from the app's one event stream. The
// last hour is read once, the first time the panel shows.
import { useEffect, useState } from 'react';
import type { EngineEvent } from '../../../../engine/src/contract/event-types.js';
import { useEngineConnectionStore } from '../../api/engine-connection-store.js';
import { useEngine } from '../../api/engine-context.js';
import { RECENT_EVENTS_KEPT, useRecentEventsStore } from '../../stores/recent-events-store.js';

const HISTORY_MS = 60 * 60 * 1000;

function subject(event: EngineEvent): string {
  if (event.Type === 'network' && event.Network && event.ID && !event.Name)
    return `${event.Network} ← ${event.ID.slice(0, 12)}`;
  return event.Name ?? event.ID?.replace(/^sha256:/, '').slice(0, 12) ?? '';
}

export function RecentEvents() {
  const engine = useEngine();
  const events = useRecentEventsStore((s) => s.events);
  const historyRead = useRecentEventsStore((s) => s.historyRead);
  const [error, setError] = useState<string | undefined>();
  // After a switch of engines, the new engine's past is read (the store was emptied).
  const engineChanges = useEngineConnectionStore((s) => s.changes);

  useEffect(() => {
    if (useRecentEventsStore.getState().historyRead) return;
    const controller = new AbortController();
    void (async () => {
      const past: EngineEvent[] = [];
      try {
        const since = new Date(Date.now() - HISTORY_MS).toISOString();
        for await (const event of engine.stream(
          'events.stream',
          { since, follow: false },
          { signal: controller.signal },
        )) {
          past.push(event);
          if (past.length > RECENT_EVENTS_KEPT) past.shift();
        }
        useRecentEventsStore.getState().addHistory(past);
      } catch (failure) {
        if (!controller.signal.aborted) setError((failure as Error).message);
      }
    })();
    setError(undefined);
    return () => controller.abort();
  }, [engine, engineChanges]);

  const newest = [...events].reverse();
  return (
    <article className="card recent-events">
      <h2>Recent events</h2>
      {error ? (
        <p className="error-text" role="alert">
          Could not read past events: {error}
        </p>
      ) : null}
      {newest.length === 0 ? (
        <p className="muted">
          {historyRead || error ? 'Nothing happened in the last hour.' : 'Reading events…'}
        </p>
      ) : (
        <table className="simple-table" aria-label="Recent events">
          <thead>
            <tr>
              <th>Time</th>
              <th>Type</th>
              <th>Event</th>
              <th>Object</th>
            </tr>
          </thead>
          <tbody>
            {newest.map((event, index) => (
              <tr key={`${event.Time} ${index}`}>
                <td>{new Date(event.Time).toLocaleTimeString()}</td>
                <td>{event.Type}</td>
                <td>{event.Status}</td>
                <td className="mono" title={event.ID}>
                  {subject(event)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
