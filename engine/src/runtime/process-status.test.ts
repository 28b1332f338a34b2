import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isProcessAlive, waitForProcessGone } from './process-status.js';

describe('waitForProcessGone', () => {
  it('answers true once the process has exited, false when it outlives the wait', async () => {
    const short = spawn('sleep', ['0.2']);
    const long = spawn('sleep', ['30']);
    try {
      expect(isProcessAlive(short.pid!)).toBe(true);
      expect(await waitForProcessGone(short.pid!, 5000)).toBe(true);
      expect(await waitForProcessGone(long.pid!, 50)).toBe(false);
      expect(isProcessAlive(long.pid!)).toBe(true);
    } finally {
      long.kill('SIGKILL');
    }
    expect(await waitForProcessGone(long.pid!, 5000)).toBe(true);
  });
});
