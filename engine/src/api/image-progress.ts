// The JSON progress stream Docker clients draw pulls and pushes from: one JSON object per line,
// `{"status","id","progressDetail"}` per layer (IDs are the first 12 hex digits of the blob
// digest), summary lines at the end, and `{"error","errorDetail"}` if it fails after the 200.
import type { ServerResponse } from 'node:http';
import type { PullEvent } from '../image/pull-events.js';
import type { PushEvent } from '../image/push-events.js';
import { errorMessage } from './api-errors.js';

/** At most one progress line per layer in this interval: clients redraw, logs stay short. */
const PROGRESS_INTERVAL_MS = 200;

export const shortDigest = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12);

export class ProgressWriter {
  private readonly lastProgress = new Map<string, number>();

  constructor(private readonly res: ServerResponse) {}

  begin(): void {
    this.res.writeHead(200, { 'Content-Type': 'application/json' });
    this.res.flushHeaders();
  }

  write(message: Record<string, unknown>): void {
    if (!this.res.destroyed) this.res.write(`${JSON.stringify(message)}\n`);
  }

  /** A layer's progress, throttled except for the last bytes. */
  progress(status: string, id: string, current: number, total: number): void {
    const now = Date.now();
    if (current < total && now - (this.lastProgress.get(id) ?? 0) < PROGRESS_INTERVAL_MS) return;
    this.lastProgress.set(id, now);
    this.write({ status, progressDetail: { current, total }, id });
  }

  fail(error: unknown): void {
    const message = errorMessage(error);
    this.write({ errorDetail: { message }, error: message });
  }

  end(): void {
    this.res.end();
  }
}

export function pullEventWriter(out: ProgressWriter): (event: PullEvent) => void {
  return (event) => {
    if (event.type === 'warning') out.write({ status: `Warning: ${event.message}` });
    if (event.type !== 'layer') return;
    const id = shortDigest(event.digest);
    switch (event.status) {
      case 'skipped':
        return out.write({ status: 'Already exists', progressDetail: {}, id });
      case 'started':
        return out.write({ status: 'Pulling fs layer', progressDetail: {}, id });
      case 'progress':
        return out.progress('Downloading', id, event.done, event.total);
      case 'done':
        out.write({ status: 'Download complete', progressDetail: {}, id });
        return out.write({ status: 'Pull complete', progressDetail: {}, id });
    }
  };
}

export function pushEventWriter(out: ProgressWriter): (event: PushEvent) => void {
  return (event) => {
    if (event.type !== 'layer') return;
    const id = shortDigest(event.digest);
    switch (event.status) {
      case 'skipped':
        return out.write({
          status: event.reason === 'mounted' ? `Mounted from another repository` : 'Layer already exists',
          progressDetail: {},
          id,
        });
      case 'started':
        return out.write({ status: 'Preparing', progressDetail: {}, id });
      case 'progress':
        return out.progress('Pushing', id, event.done, event.total);
      case 'done':
        return out.write({ status: 'Pushed', progressDetail: {}, id });
    }
  };
}
