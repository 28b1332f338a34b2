// Browser performance marks the benchmarks read (bench/scenarios/ui-list.ts): when the renderer
// started, when the containers list first showed rows, when a log first showed lines. Each is
// set once per page load, so later renders cost nothing but a flag check.
export const PERF_MARKS = {
  loadStart: 'berth:load-start',
  containersRendered: 'berth:containers-rendered',
  logFirstLines: 'berth:log-first-lines',
} as const;

const marked = new Set<string>();

export function markOnce(name: string): void {
  if (marked.has(name) || typeof performance?.mark !== 'function') return;
  marked.add(name);
  performance.mark(name);
}

/** A log's first lines are a per-view event (each log opened), so it is marked every time. */
export function markEach(name: string): void {
  if (typeof performance?.mark === 'function') performance.mark(name);
}
