// The engine's latest events, for the dashboard: what the live-updates stream brings, plus the
// recent past read once when the dashboard first shows. Bounded, newest last.
import { create } from 'zustand';
import type { EngineEvent } from '../../../engine/src/contract/event-types.js';

export const RECENT_EVENTS_KEPT = 50;

interface RecentEventsState {
  events: readonly EngineEvent[];
  /** The recent past has been read (once per app run). */
  historyRead: boolean;
  add(event: EngineEvent): void;
  /** Past events, read after some live ones may already have arrived. */
  addHistory(past: readonly EngineEvent[]): void;
}

const key = (e: EngineEvent) => `${e.Time} ${e.Type} ${e.Status} ${e.ID ?? ''} ${e.Name ?? ''}`;

export const useRecentEventsStore = create<RecentEventsState>()((set) => ({
  events: [],
  historyRead: false,
  add: (event) => set((s) => ({ events: [...s.events, event].slice(-RECENT_EVENTS_KEPT) })),
  addHistory: (past) =>
    set((s) => {
      // The live stream starts when the app opens; the history read may overlap it.
      const live = new Set(s.events.map(key));
      const merged = [...past.filter((e) => !live.has(key(e))), ...s.events];
      return { events: merged.slice(-RECENT_EVENTS_KEPT), historyRead: true };
    }),
}));
