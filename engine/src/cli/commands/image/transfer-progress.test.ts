import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBarLine, TransferProgress } from './transfer-progress.js';

function capture(tty: boolean): { out: Writable; text: () => string } {
  let text = '';
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return { out: Object.assign(out, { isTTY: tty }), text: () => text };
}

const digest = `sha256:${'ab'.repeat(32)}`;
const event = (status: 'started' | 'progress' | 'done', done: number) =>
  ({ type: 'layer', digest, diffId: digest, status, done, total: 50 * 1024 * 1024 }) as const;

describe('TransferProgress', () => {
  it('draws podman-like bars on a terminal and redraws them in place', () => {
    expect(
      progressBarLine({ digest, status: 'progress', done: 12.3 * 1024 * 1024, total: 50 * 1024 * 1024 }),
    ).toBe(`Copying blob abababababab [=======>----------------------] 12.3MiB / 50.0MiB`);
    const { out, text } = capture(true);
    const progress = new TransferProgress(out);
    progress.blob(event('started', 0));
    progress.blob(event('done', 50 * 1024 * 1024));
    progress.finish();
    progress.line('Copying config sha256:x');
    expect(text()).toBe(
      '\r\x1b[2KCopying blob abababababab [>-----------------------------] 0b / 50.0MiB\n' +
        '\x1b[1A\r\x1b[2KCopying blob abababababab done\n' +
        'Copying config sha256:x\n',
    );
  });

  it('prints one plain line per finished blob elsewhere, with the full digest', () => {
    const { out, text } = capture(false);
    const progress = new TransferProgress(out);
    progress.blob(event('started', 0));
    progress.blob(event('progress', 1000));
    progress.blob(event('done', 50 * 1024 * 1024));
    expect(text()).toBe(`Copying blob ${digest}\n`);
  });
});
