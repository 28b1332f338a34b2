// Podman's copy output for pull and push. On a terminal, one live line per blob, redrawn in place:
//   Copying blob 1989096c3c51 [=========>-----------] 12.3MiB / 50.0MiB
//   Copying blob 71e48279a358 done
// Elsewhere (a pipe, a log file) one plain line per blob when it finishes, as podman prints:
//   Copying blob sha256:1989096c3c51...
// Nothing at all with --quiet (the caller does not create one).
import type { Writable } from 'node:stream';
import type { LayerProgressEvent } from '../../../image/pull-events.js';
import { humanBinarySize } from '../../format/human-units.js';

export type BlobEvent = LayerProgressEvent & { reason?: 'exists' | 'mounted' };

const BAR_WIDTH = 30;
const REDRAW_MS = 100;

interface Bar {
  digest: string;
  status: BlobEvent['status'];
  done: number;
  total: number;
}

export function progressBarLine(bar: Bar): string {
  const short = bar.digest.replace(/^sha256:/, '').slice(0, 12);
  if (bar.status === 'skipped') return `Copying blob ${short} skipped: already exists`;
  if (bar.status === 'done') return `Copying blob ${short} done`;
  const fraction = bar.total > 0 ? Math.min(1, bar.done / bar.total) : 0;
  const filled = Math.floor(fraction * BAR_WIDTH);
  const body =
    filled >= BAR_WIDTH
      ? '='.repeat(BAR_WIDTH)
      : `${'='.repeat(filled)}>${'-'.repeat(BAR_WIDTH - filled - 1)}`;
  return `Copying blob ${short} [${body}] ${humanBinarySize(bar.done)} / ${humanBinarySize(bar.total)}`;
}

export class TransferProgress {
  private readonly bars: Bar[] = [];
  private drawn = 0;
  private lastDraw = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly out: Writable,
    private readonly tty = (out as { isTTY?: boolean }).isTTY === true,
  ) {}

  /** A line above the bars ("Getting image source signatures", "Copying config ..."). */
  line(text: string): void {
    if (this.tty && this.timer) this.draw();
    // Bars already drawn stay where they are; the line goes below them and later bars below it.
    if (this.tty) this.settle();
    this.out.write(`${text}\n`);
  }

  blob(event: BlobEvent): void {
    if (!this.tty) {
      // Podman prints the same line whether the blob was sent or found already there.
      if (event.status === 'done' || event.status === 'skipped')
        this.out.write(`Copying blob ${event.digest}\n`);
      return;
    }
    let bar = this.bars.find((b) => b.digest === event.digest);
    if (!bar) {
      bar = { digest: event.digest, status: event.status, done: event.done, total: event.total };
      this.bars.push(bar);
    }
    Object.assign(bar, { status: event.status, done: event.done, total: event.total });
    const finished = event.status === 'done' || event.status === 'skipped';
    if (finished || Date.now() - this.lastDraw >= REDRAW_MS) this.draw();
    else this.timer ??= setTimeout(() => this.draw(), REDRAW_MS);
  }

  /** Draws the final state; later output goes below the bars. */
  finish(): void {
    // Only what a pending redraw would have shown is still to draw.
    if (this.tty && this.timer) this.draw();
    this.settle();
  }

  private settle(): void {
    this.bars.length = 0;
    this.drawn = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private draw(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastDraw = Date.now();
    // Up to the first bar, then rewrite each line (clearing what a longer line left).
    let text = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    for (const bar of this.bars) text += `\r\x1b[2K${progressBarLine(bar)}\n`;
    this.drawn = this.bars.length;
    this.out.write(text);
  }
}
