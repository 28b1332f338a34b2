// Attach, terminals and exec through conmon's attach socket, with real containers.
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAttachSession, pumpAttachStreams, type AttachSession } from '../../engine/src/runtime/attach.js';
import { execWithConmon } from '../../engine/src/runtime/conmon.js';
import { resizeTerminal, ContainerNotRunningError } from '../../engine/src/runtime/ctl-fifo.js';
import { execProcessSpec } from '../../engine/src/runtime/exec-process.js';
import { waitForExitFile } from '../../engine/src/runtime/exit-file.js';
import { isProcessAlive } from '../../engine/src/runtime/process-status.js';
import { OciRuntimeError } from '../../engine/src/runtime/runtime-error.js';
import { RuntimeHarness, type TestContainer } from '../fixtures/rootfs/runtime-harness.js';

const isRoot = process.getuid?.() === 0;

let h: RuntimeHarness;
beforeAll(() => {
  h = new RuntimeHarness();
});
afterAll(async () => {
  await h.cleanup();
  // runc delete --force and the conmon kill in cleanup() must leave no monitor of ours behind.
  expect(h.liveConmons()).toEqual([]);
});

async function exitOf(c: TestContainer): Promise<number> {
  return (await waitForExitFile(c.paths.exitFile, { conmonPid: c.created!.conmonPid })).exitCode;
}

/**
 * Reads output until `pattern` shows up in the stream's text. Calls next() by hand: leaving a
 * for-await loop early would call return(), which closes the session (cancellation).
 */
async function readUntil(
  session: AttachSession,
  pattern: RegExp,
  stream: 'stdout' | 'stderr' = 'stdout',
): Promise<string> {
  let text = '';
  const iterator = session.output[Symbol.asyncIterator]();
  while (true) {
    const { value: item, done } = await iterator.next();
    if (done) break;
    if (item.stream === stream) text += item.data.toString('utf8');
    if (pattern.test(text)) return text;
  }
  throw new Error(`the session closed before ${pattern} appeared; got ${JSON.stringify(text)}`);
}

describe.skipIf(!isRoot)('attach, terminal and exec', () => {
  it('round-trips stdin and stdout with a running cat, and half-close ends it', async () => {
    const c = await h.prepare({ args: ['cat'] });
    await h.create(c, { stdin: true });
    const session = await openAttachSession(c.paths.attachSocket);
    await h.runtime.start(c.id);
    await session.write('hello through conmon\n');
    expect(await readUntil(session, /hello through conmon\n/)).toBe('hello through conmon\n');
    await session.write('second line\n');
    expect(await readUntil(session, /second line\n/)).toBe('second line\n');
    // Without a terminal, shutting down our write side is the container's EOF: cat exits 0.
    await session.endInput();
    await session.closed;
    expect(await exitOf(c)).toBe(0);
  });

  it('pumps node streams, splitting stdout and stderr', async () => {
    const c = await h.prepare({ args: ['sh', '-c', 'read line; echo "out:$line"; echo "err:$line" >&2'] });
    await h.create(c, { stdin: true });
    const session = await openAttachSession(c.paths.attachSocket);
    await h.runtime.start(c.id);
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    stdout.on('data', (b: Buffer) => out.push(b));
    stderr.on('data', (b: Buffer) => err.push(b));
    const ended = pumpAttachStreams(session, { stdin, stdout, stderr });
    stdin.end('piped\n');
    expect(await ended).toBe('exited');
    expect(Buffer.concat(out).toString()).toBe('out:piped\n');
    expect(Buffer.concat(err).toString()).toBe('err:piped\n');
    expect(await exitOf(c)).toBe(0);
  });

  it('detaches on ctrl-p,ctrl-q and leaves the container running', async () => {
    const c = await h.prepare({ args: ['cat'] });
    // Like `run -d -i` then attach: stdin must outlive the first client.
    await h.create(c, { stdin: true, leaveStdinOpen: true });
    const session = await openAttachSession(c.paths.attachSocket);
    await h.runtime.start(c.id);
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const out: Buffer[] = [];
    stdout.on('data', (b: Buffer) => out.push(b));
    const ended = pumpAttachStreams(session, { stdin, stdout });
    stdin.write('before\n');
    while (!Buffer.concat(out).toString().includes('before')) await new Promise((r) => setTimeout(r, 10));
    stdin.write('\x10\x11');
    expect(await ended).toBe('detached');
    expect((await h.runtime.state(c.id))!.status).toBe('running');
    // A new attach still works after detaching.
    const again = await openAttachSession(c.paths.attachSocket);
    await again.write('after\n');
    expect(await readUntil(again, /after\n/)).toBe('after\n');
    again.close();
    await h.runtime.kill(c.id, 'KILL');
    expect(await exitOf(c)).toBe(137);
  });

  it('drives a terminal: resize through the ctl fifo, stty size sees it', async () => {
    const c = await h.prepare({ args: ['sh'], terminal: true });
    await h.create(c, { stdin: true });
    const session = await openAttachSession(c.paths.attachSocket);
    await h.runtime.start(c.id);
    resizeTerminal(c.paths.ctlFifo, { rows: 33, cols: 111 });
    await session.write('stty size; echo "mark-$((6*7))"\n');
    const text = await readUntil(session, /mark-42/);
    expect(text).toMatch(/33 111\r\n/);
    resizeTerminal(c.paths.ctlFifo, { rows: 20, cols: 70 });
    await session.write('stty size; exit 5\n');
    expect(await readUntil(session, /20 70\r\n/)).toMatch(/20 70/);
    await session.closed;
    expect(await exitOf(c)).toBe(5);
    // Once conmon is gone (it exits just after writing the exit file) the fifo has no reader.
    const deadline = Date.now() + 2000;
    while (isProcessAlive(c.created!.conmonPid) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(() => resizeTerminal(c.paths.ctlFifo, { rows: 1, cols: 1 })).toThrow(ContainerNotRunningError);
  });

  it('connects through a socket path longer than 108 bytes', async () => {
    const c = await h.prepare({ args: ['cat'] });
    await h.create(c, { stdin: true });
    await h.runtime.start(c.id);
    const deep = path.join(h.base, 'x'.repeat(60), 'y'.repeat(60));
    mkdirSync(path.dirname(deep), { recursive: true });
    symlinkSync(c.paths.bundleDir, deep);
    const longPath = path.join(deep, 'attach');
    expect(Buffer.byteLength(longPath)).toBeGreaterThan(108);
    const session = await openAttachSession(longPath);
    await session.write('long path\n');
    expect(await readUntil(session, /long path\n/)).toBe('long path\n');
    await session.endInput();
    expect(await exitOf(c)).toBe(0);
  });

  it('execs with attach and returns the exit code', async () => {
    const c = await h.run({ args: ['sleep', '100'] });
    let session: AttachSession | undefined;
    const exec = await execWithConmon({
      containerId: c.id,
      sessionId: `${c.id}-exec1`,
      runtime: h.runtime,
      sessionDir: path.join(h.base, 'exec1'),
      process: execProcessSpec(c.spec.process, c.rootfs, {
        args: ['sh', '-c', 'echo from-exec $(id -u) $GREETING; echo oops >&2; exit 4'],
        user: 'tester',
        env: ['GREETING=hi'],
      }),
      onAttachReady: async (paths) => {
        session = await openAttachSession(paths.attachSocket);
      },
    });
    expect(exec.pid).toBeGreaterThan(0);
    const out: string[] = [];
    for await (const item of session!.output) out.push(`${item.stream}:${item.data.toString()}`);
    expect(out.sort()).toEqual(['stderr:oops\n', 'stdout:from-exec 1000 hi\n']);
    expect(await exec.exitCode).toBe(4);
  });

  it('runs a detached exec; its exit code lands in the session exit file', async () => {
    const c = await h.run({ args: ['sleep', '100'] });
    const exec = await execWithConmon({
      containerId: c.id,
      sessionId: `${c.id}-exec2`,
      runtime: h.runtime,
      sessionDir: path.join(h.base, 'exec2'),
      process: { ...c.spec.process, args: ['sh', '-c', 'exit 9'] },
    });
    expect(await exec.exitCode).toBe(9);
  });

  it('reports a failing exec clearly', async () => {
    const c = await h.run({ args: ['sleep', '100'] });
    const error = await execWithConmon({
      containerId: c.id,
      sessionId: `${c.id}-exec3`,
      runtime: h.runtime,
      sessionDir: path.join(h.base, 'exec3'),
      process: { ...c.spec.process, args: ['/missing-tool'] },
      onAttachReady: async () => undefined,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OciRuntimeError);
    expect((error as Error).message).toMatch(/missing-tool/);
  });
});
