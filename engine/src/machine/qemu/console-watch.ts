// Follows the machine's serial console log as QEMU writes it, for the lines the guest's init
// writes at each step of a boot ("berth-init: 4.12 s: sshd started", see
// build/machine-image/guest/berth-init): the host learns when SSH is worth trying without trying.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The init's line once sshd runs: the network and the shared folders are up by then. */
export const SSHD_STARTED_LINE = ': sshd started';

export class ConsoleWatch {
  private offset = 0;
  private text = '';

  constructor(private readonly file: string) {}

  /** True once the console has a line containing `line` (the log is read as far as it is written). */
  has(line: string): boolean {
    this.readNew();
    return this.text.includes(line);
  }

  private readNew(): void {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      return; // QEMU has not created it yet
    }
    try {
      const size = fstatSync(fd).size;
      // QEMU truncates the log when it starts: follow the new one from its beginning.
      if (size < this.offset) [this.offset, this.text] = [0, ''];
      if (size === this.offset) return;
      const chunk = Buffer.alloc(size - this.offset);
      const read = readSync(fd, chunk, 0, chunk.length, this.offset);
      this.offset += read;
      this.text += chunk.subarray(0, read).toString('latin1');
    } finally {
      closeSync(fd);
    }
  }
}
