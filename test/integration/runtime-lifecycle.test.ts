// Real containers through the runtime layer: runc + conmon on a busybox overlay root, as root.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContainerRuntimeStatus } from '../../engine/src/runtime/container-status.js';
import { readExitFile, waitForExitFile } from '../../engine/src/runtime/exit-file.js';
import { readContainerLogs, type LogEntry } from '../../engine/src/runtime/k8s-file-log.js';
import { isProcessAlive } from '../../engine/src/runtime/process-status.js';
import { OciRuntimeError } from '../../engine/src/runtime/runtime-error.js';
import { detectCgroups } from '../../engine/src/system/cgroups.js';
import { RuntimeHarness, type TestContainer } from '../fixtures/rootfs/runtime-harness.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
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

async function logText(c: TestContainer): Promise<string[]> {
  const out: string[] = [];
  for await (const e of readContainerLogs(c.paths.logPath)) out.push(`${e.stream}:${e.text}`);
  return out;
}

describe.skipIf(!isRoot)('container lifecycle (runc + conmon)', () => {
  it('runs echo hello and the log has it', async () => {
    const c = await h.run({ args: ['echo', 'hello'] });
    expect(await exitOf(c)).toBe(0);
    expect(await logText(c)).toEqual(['stdout:hello']);
    // conmon also persists the code in the bundle
    expect(readFileSync(c.paths.persistExitFile, 'utf8').trim()).toBe('0');
    // and exits right after writing it (a zombie until reaped counts as gone).
    const deadline = Date.now() + 2000;
    while (isProcessAlive(c.created!.conmonPid) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(isProcessAlive(c.created!.conmonPid)).toBe(false);
  });

  it('propagates the exit code and separates stderr', async () => {
    const c = await h.run({ args: ['sh', '-c', 'echo out; echo err >&2; exit 3'] });
    expect(await exitOf(c)).toBe(3);
    expect((await logText(c)).sort()).toEqual(['stderr:err', 'stdout:out']);
    const status = await readContainerRuntimeStatus(c.id, c.paths, h.runtime);
    expect(status).toMatchObject({ status: 'exited', exitCode: 3 });
  });

  it('gives 128+signal after a kill, and reports running/paused before', async () => {
    const c = await h.run({ args: ['sleep', '100'] });
    expect((await readContainerRuntimeStatus(c.id, c.paths, h.runtime)).status).toBe('running');
    await h.runtime.pause(c.id);
    expect((await h.runtime.state(c.id))!.status).toBe('paused');
    await h.runtime.resume(c.id);
    expect((await readContainerRuntimeStatus(c.id, c.paths, h.runtime)).status).toBe('running');
    await h.runtime.kill(c.id, 'KILL');
    expect(await exitOf(c)).toBe(137);
    await h.runtime.delete(c.id);
    expect(await h.runtime.state(c.id)).toBeUndefined();
  });

  it('keeps running after the Node process that started it exits', async () => {
    const c = await h.prepare({ args: ['sh', '-c', 'sleep 0.5; exit 7'] });
    const child = path.join(HERE, '../fixtures/rootfs/start-container-child.ts');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', child, c.id, JSON.stringify(c.paths), h.runtime.path, h.runtime.root],
        { encoding: 'utf8', timeout: 30_000 },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      );
    });
    const created = JSON.parse(stdout.trim().split('\n').pop()!) as { pid: number; conmonPid: number };
    c.created = created;
    // The starter is gone; conmon carries on and reports to files.
    expect(isProcessAlive(created.conmonPid)).toBe(true);
    expect((await readContainerRuntimeStatus(c.id, c.paths, h.runtime)).status).toBe('running');
    expect(readExitFile(c.paths.exitFile)).toBeUndefined();
    expect(await exitOf(c)).toBe(7);
    const status = await readContainerRuntimeStatus(c.id, c.paths, h.runtime);
    expect(status).toMatchObject({ status: 'exited', exitCode: 7 });
  });

  it('follows logs until the container exits', async () => {
    const c = await h.prepare({
      args: ['sh', '-c', 'for i in 1 2 3; do echo line$i; sleep 0.2; done; printf tail'],
    });
    await h.create(c);
    const entries: LogEntry[] = [];
    const following = (async () => {
      for await (const e of readContainerLogs(c.paths.logPath, {
        follow: true,
        exitFile: c.paths.exitFile,
        conmonPid: c.created!.conmonPid,
      })) {
        entries.push(e);
      }
    })();
    await h.runtime.start(c.id);
    await following; // ends by itself once the exit file appears
    expect(entries.map((e) => [e.text, e.complete])).toEqual([
      ['line1', true],
      ['line2', true],
      ['line3', true],
      ['tail', false],
    ]);
    expect(entries[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}[+-]\d\d:\d\d$/);
  });

  it('resolves user names from the rootfs /etc/passwd', async () => {
    const c = await h.run({ args: ['sh', '-c', 'id -u; id -g; id -G; echo $HOME'], user: 'tester' });
    expect(await exitOf(c)).toBe(0);
    expect(await logText(c)).toEqual(['stdout:1000', 'stdout:1000', 'stdout:1000 50', 'stdout:/home/tester']);
  });

  it('clamps rlimits to the host hard limits', async () => {
    const hostHard = Number(
      /Max open files\s+\S+\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))![1],
    );
    const c = await h.run({ args: ['sh', '-c', 'ulimit -n; ulimit -Hn'] });
    expect(await exitOf(c)).toBe(0);
    // podman's default asks for 1048576; the host allows less, and the container still starts.
    expect(await logText(c)).toEqual([
      `stdout:${Math.min(1048576, hostHard)}`,
      `stdout:${Math.min(1048576, hostHard)}`,
    ]);
    const d = await h.run({
      args: ['sh', '-c', 'ulimit -n; ulimit -Hn; ulimit -Hc'],
      rlimits: [
        { type: 'RLIMIT_NOFILE', soft: 100, hard: 200 },
        // Unlimited must reach runc as the exact RLIM_INFINITY (2^64-1).
        { type: 'RLIMIT_CORE', soft: 0, hard: Infinity },
      ],
    });
    expect(await exitOf(d)).toBe(0);
    expect(await logText(d)).toEqual(['stdout:100', 'stdout:200', 'stdout:unlimited']);
  });

  it('refuses writes to a read-only rootfs but keeps /tmp writable', async () => {
    const c = await h.run({
      args: ['sh', '-c', 'touch /tmp/ok && echo tmp-ok; touch /etc/nope'],
      readonlyRootfs: true,
    });
    expect(await exitOf(c)).toBe(1);
    const log = await logText(c);
    expect(log).toContain('stdout:tmp-ok');
    expect(log.join('\n')).toMatch(/Read-only file system/);
  });

  it('applies hostname, /etc files, memory and pids limits', async () => {
    const c = await h.run({
      args: [
        'sh',
        '-c',
        'hostname; cat /etc/hostname; grep -c localhost /etc/hosts; cat /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/memory/memory.limit_in_bytes',
      ],
      hostname: 'berthy',
      pidsLimit: 64,
      memoryBytes: 64 * 1024 * 1024,
    });
    expect(await exitOf(c)).toBe(0);
    const log = await logText(c);
    expect(log.slice(0, 3)).toEqual(['stdout:berthy', 'stdout:berthy', 'stdout:2']);
    // On cgroup v1 (this host) the container sees its own pids and memory cgroups at these paths.
    if (detectCgroups().version === 'v1')
      expect(log.slice(3)).toEqual(['stdout:64', `stdout:${64 * 1024 * 1024}`]);
  });

  it('loads the default seccomp filter, capabilities and masked paths', async () => {
    const c = await h.run({
      args: [
        'sh',
        '-c',
        'grep -E "^(Seccomp|CapEff):" /proc/self/status; unshare -u true || echo unshare-denied; wc -c < /proc/timer_list; ls /sys/firmware | wc -l',
      ],
    });
    expect(await exitOf(c)).toBe(0);
    const log = (await logText(c)).filter((l) => l.startsWith('stdout:'));
    // Seccomp 2 = filter mode; 800405fb is podman's default capability set; masked paths read empty.
    expect(log).toEqual([
      'stdout:CapEff:\t00000000800405fb',
      'stdout:Seccomp:\t2',
      'stdout:unshare-denied',
      'stdout:0',
      'stdout:0',
    ]);
  });

  it('fails clearly on a missing executable and leaves no conmon behind', async () => {
    const c = await h.prepare({ args: ['/no/such-binary'] });
    const error = await h.create(c).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OciRuntimeError);
    expect((error as Error).message).toMatch(/\/no\/such-binary/);
    expect((error as Error).message).not.toMatch(/time="/);
    const conmonPid = Number(readFileSync(c.paths.conmonPidFile, 'utf8'));
    expect(isProcessAlive(conmonPid)).toBe(false);
    expect(readExitFile(c.paths.exitFile)).toBeUndefined();
    expect(await h.runtime.state(c.id)).toBeUndefined();
  });

  it('runs the exit command after the container exits', async () => {
    const c = await h.prepare({ args: ['true'] });
    const marker = path.join(h.base, `exit-command-${c.id}`);
    await h.create(c, {
      exitCommand: ['/bin/sh', '-c', `cat ${c.paths.exitFile} > ${marker}.tmp && mv ${marker}.tmp ${marker}`],
    });
    await h.runtime.start(c.id);
    expect(await exitOf(c)).toBe(0);
    const deadline = Date.now() + 5000;
    let text: string | undefined;
    while (text === undefined && Date.now() < deadline) {
      try {
        text = readFileSync(marker, 'utf8');
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    expect(text).toBe('0');
  });
});
