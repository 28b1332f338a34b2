import { describe, expect, it } from 'vitest';
import { QuietRunError, runQuiet } from './run-quiet.js';

describe('runQuiet', () => {
  it('resolves when the program exits 0, in the folder given', async () => {
    await expect(
      runQuiet('/bin/sh', ['-c', 'test "$(pwd)" = /tmp'], { cwd: '/tmp' }),
    ).resolves.toBeUndefined();
  });

  it('rejects with the standard error and exit status of a failure', async () => {
    const error = await runQuiet('/bin/sh', ['-c', 'echo out; echo "it broke" >&2; exit 3']).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QuietRunError);
    expect(error).toMatchObject({ message: 'it broke', exitCode: 3, stderr: 'it broke\n' });
  });

  it('says how a silent failure ended, and names a program that cannot start', async () => {
    await expect(runQuiet('/bin/sh', ['-c', 'exit 4'])).rejects.toThrow('exit status 4');
    await expect(runQuiet('/nonexistent/tool', [])).rejects.toThrow(/\/nonexistent\/tool: spawn .*ENOENT/);
  });

  it('ends a program that outlives its time', async () => {
    const began = Date.now();
    await expect(runQuiet('/bin/sleep', ['10'], { timeoutMs: 100 })).rejects.toThrow('ended by SIGTERM');
    expect(Date.now() - began).toBeLessThan(5000);
  });
});
