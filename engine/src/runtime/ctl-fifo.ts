// conmon's control fifo (`<bundle>/ctl`): one text line per request, `<type> <arg> <arg>`.
// Type 1 resizes the terminal, type 2 reopens the log file (after a rotation). It is opened
// O_WRONLY|O_NONBLOCK: a blocking open would hang until a reader exists, and once conmon is gone
// the open fails at once with ENXIO, which is how we know the container ended.
import { closeSync, constants, openSync, writeSync } from 'node:fs';

export class ContainerNotRunningError extends Error {
  readonly exitCode = 125;
}

function send(ctlPath: string, line: string): void {
  let fd: number;
  try {
    fd = openSync(ctlPath, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENXIO' || code === 'ENOENT') {
      throw new ContainerNotRunningError(
        `cannot reach conmon through ${ctlPath}: the container is not running`,
      );
    }
    throw error;
  }
  try {
    writeSync(fd, line);
  } finally {
    closeSync(fd);
  }
}

/** Resizes the container's terminal (only meaningful with -t). */
export function resizeTerminal(ctlPath: string, size: { rows: number; cols: number }): void {
  const rows = Math.max(1, Math.floor(size.rows));
  const cols = Math.max(1, Math.floor(size.cols));
  send(ctlPath, `1 ${rows} ${cols}\n`);
}

/** Makes conmon reopen its log path: rename the log away first to rotate it. */
export function reopenLog(ctlPath: string): void {
  send(ctlPath, '2 0 0\n');
}
