// Interactive containers through a real pseudo-terminal: run -it, type, read, resize, detach with
// ctrl-p ctrl-q, re-attach, exit code; exec -it; exec's exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BERTH_BIN } from './helpers/berth-cli.js';
import { containerStore, eventually, type ContainerStore } from './helpers/container-store.js';
import { PtySession } from './helpers/pty-session.js';

let store: ContainerStore;
const sessions: PtySession[] = [];
beforeAll(async () => {
  store = await containerStore();
}, 60_000);
afterAll(async () => {
  for (const s of sessions) s.kill();
  await store?.dispose();
}, 60_000);

function berthInPty(args: string, size?: { rows: number; cols: number }): PtySession {
  const session = new PtySession(
    `${process.execPath} ${BERTH_BIN} --root ${store.root} --runroot ${store.runroot} ${args}`,
    size,
  );
  sessions.push(session);
  return session;
}

describe('run -it', () => {
  it('types commands, follows resizes, detaches and re-attaches', async () => {
    const tty = berthInPty(`run -it --name shell ${store.busybox} sh`, { rows: 30, cols: 90 });
    await tty.waitFor('# ');
    tty.type('echo hi-$((40+2))\n');
    await tty.waitFor('hi-42');
    let mark = tty.screen.length;
    tty.type('stty size\n');
    await tty.waitFor('30 90', 10_000, mark);
    tty.resize(40, 120);
    await new Promise((r) => setTimeout(r, 300));
    mark = tty.screen.length;
    tty.type('stty size\n');
    await tty.waitFor('40 120', 10_000, mark);
    tty.type('\x10\x11'); // ctrl-p ctrl-q
    expect(await tty.exited).toBe(0);
    expect(await store.ok(['inspect', '-f', '{{.State.Status}}', 'shell'])).toBe('running');

    const again = berthInPty('attach shell');
    again.type('echo back-$((1+1))\n');
    await again.waitFor('back-2');
    again.type('exit 3\n');
    expect(await again.exited).toBe(3);
    expect(await store.ok(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'shell'])).toBe(
      'exited 3',
    );
    await store.ok(['rm', 'shell']);
  }, 60_000);

  it('a detached run -it --rm is still removed when it exits later', async () => {
    const tty = berthInPty(`run -it --rm --name brief ${store.busybox} sh`);
    await tty.waitFor('# ');
    tty.type('\x10\x11');
    expect(await tty.exited).toBe(0);
    expect(await store.ok(['inspect', '-f', '{{.State.Status}}', 'brief'])).toBe('running');
    await store.ok(['stop', '-t', '1', 'brief']);
    await eventually(async () => ((await store.run(['inspect', 'brief'])).code !== 0 ? true : undefined));
    expect(store.mounts()).toEqual([]);
  }, 60_000);

  it('run -i without a terminal reads stdin to its end', async () => {
    const r = await store.run(['run', '--rm', '-i', store.busybox, 'sh', '-c', 'wc -l'], {
      input: 'a\nb\nc\n',
    });
    expect(r).toMatchObject({ code: 0, stdout: '3\n' });
  });
});

describe('exec', () => {
  it('runs in a running container with env, user and workdir, and returns the exit code', async () => {
    await store.ok(['run', '-d', '--name', 'box', store.busybox, 'sleep', '1000']);
    expect(
      await store.ok([
        'exec',
        '-e',
        'X=1',
        '-u',
        'nobody',
        '-w',
        '/tmp',
        'box',
        'sh',
        '-c',
        'echo $X $(id -un) $(pwd)',
      ]),
    ).toBe('1 nobody /tmp');
    expect((await store.run(['exec', 'box', 'sh', '-c', 'exit 5'])).code).toBe(5);
    expect((await store.run(['exec', 'box', 'no-such-command'])).code).toBe(127);
    expect((await store.run(['exec', 'box', '/etc/passwd'])).code).toBe(126);
    const piped = await store.run(['exec', '-i', 'box', 'cat'], { input: 'through stdin' });
    expect(piped.stdout).toBe('through stdin');
    const tty = berthInPty('exec -it box sh');
    await tty.waitFor('# ');
    tty.type('echo inside-$((2*3))\n');
    await tty.waitFor('inside-6');
    tty.type('exit 9\n');
    expect(await tty.exited).toBe(9);
    await store.ok(['stop', '-t', '0', 'box']);
    const stopped = await store.run(['exec', 'box', 'true']);
    expect(stopped.code).toBe(125);
    expect(stopped.stderr).toMatch(/^Error: can only create exec sessions on running containers/);
    await store.ok(['rm', 'box']);
  }, 60_000);
});
