// Containers from the CLI, end to end with runc + conmon: run/create/start/stop/kill/restart/
// pause/rm/wait/ps/inspect/logs with podman's outputs and exit codes.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerStore, eventually, type ContainerStore } from './helpers/container-store.js';

let store: ContainerStore;
beforeAll(async () => {
  store = await containerStore();
}, 60_000);
afterAll(async () => {
  await store?.dispose();
}, 60_000);

describe('run', () => {
  it('prints output, returns the exit code, and --rm removes the container', async () => {
    const r = await store.run(['run', '--rm', store.busybox, 'sh', '-c', 'echo out; echo err >&2; exit 7']);
    expect(r).toMatchObject({ code: 7, stdout: 'out\n', stderr: 'err\n' });
    // Nothing of it is left once run returns: no folder, no rootfs or network namespace mount.
    const left = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
    expect(left(path.join(store.root, 'containers'))).toEqual([]);
    expect(left(path.join(store.runroot, 'containers'))).toEqual([]);
    expect(left(path.join(store.runroot, 'netns'))).toEqual([]);
    expect(store.mounts()).toEqual([]);
    expect(await store.ok(['ps', '-a', '-q'])).toBe('');
  });

  it('gives 127 for a missing command, 126 for one that cannot run, 125 for an unknown image', async () => {
    const missing = await store.run(['run', '--rm', store.busybox, 'no-such-command']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toMatch(/^Error: .*no-such-command.*not found/);
    const notExec = await store.run(['run', '--rm', store.busybox, '/etc/passwd']);
    expect(notExec.code).toBe(126);
    expect(notExec.stderr).toMatch(/^Error: .*permission denied/);
    const unknown = await store.run(['run', '--rm', '--pull=never', 'no-such-image']);
    expect(unknown.code).toBe(125);
    expect(unknown.stderr).toMatch(/^Error: no-such-image: image not known/);
    expect(await store.ok(['ps', '-a', '-q'])).toBe('');
  });

  it('applies env, workdir, user, hostname, labels, entrypoint and an env file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-env-'));
    const envFile = path.join(dir, 'env');
    writeFileSync(envFile, '# comment\nFROM_FILE=yes\n\n');
    const out = await store.ok([
      'run', '--rm', '-e', 'A=1', '--env-file', envFile, '-w', '/tmp', '-u', 'nobody', '-h', 'boxhost',
      '--entrypoint', '/bin/sh', store.busybox, '-c', 'echo $A $FROM_FILE $(pwd) $(id -un) $(hostname)',
    ]); // prettier-ignore
    expect(out).toBe('1 yes /tmp nobody boxhost');
  });

  it('mounts binds read-only, tmpfs, and keeps the rootfs read-only with --read-only', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-bind-'));
    writeFileSync(path.join(dir, 'f'), 'from host');
    const r = await store.run([
      'run', '--rm', '-v', `${dir}:/data:ro,z`, '--tmpfs', '/scratch', '--read-only', store.busybox,
      'sh', '-c', 'cat /data/f; echo; touch /data/x 2>/dev/null || echo ro-bind; touch /scratch/ok && echo tmpfs-ok; touch /etc/x 2>/dev/null || echo ro-root; touch /tmp/t && echo tmp-ok',
    ]); // prettier-ignore
    expect(r.stdout).toBe('from host\nro-bind\ntmpfs-ok\nro-root\ntmp-ok\n');
  });

  it('refuses a bad flag value before anything is created', async () => {
    const r = await store.run(['run', '--restart', 'sometimes', store.busybox, 'true']);
    expect(r.code).toBe(125);
    expect(r.stderr).toMatch(/^Error: invalid restart policy "sometimes"/);
    const bind = await store.run(['run', '-v', '/no/such/dir:/x', store.busybox, 'true']);
    expect(bind.stderr).toMatch(/^Error: statfs \/no\/such\/dir: no such file or directory/);
    expect(await store.ok(['ps', '-a', '-q'])).toBe('');
  });
});

describe('detached containers', () => {
  it('run -d, ps, inspect, logs, stop with SIGTERM then SIGKILL, rm', async () => {
    const id = await store.ok([
      'run',
      '-d',
      '--name',
      'web',
      '--label',
      'tier=front',
      store.busybox,
      'sh',
      '-c',
      'echo started; trap "echo bye; exit 0" TERM; while true; do sleep 0.1; done',
    ]);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const ps = await store.ok(['ps', '--format', '{{.ID}} {{.Names}} {{.Status}} {{.Labels}}']);
    expect(ps).toMatch(new RegExp(`^${id.slice(0, 12)} web Up .* map\\[tier:front\\]$`));
    const state = JSON.parse(await store.ok(['inspect', 'web']))[0];
    expect(state.State).toMatchObject({ Status: 'running', Running: true, ExitCode: 0 });
    expect(state.State.Pid).toBeGreaterThan(0);
    expect(state.State.ConmonPid).toBeGreaterThan(0);
    expect(state.Config.Labels).toEqual({ tier: 'front' });
    expect(state.Name).toBe('web');
    await eventually(async () => ((await store.ok(['logs', 'web'])) === 'started' ? true : undefined));
    expect(await store.ok(['stop', 'web'])).toBe('web');
    expect(await store.ok(['logs', 'web'])).toBe('started\nbye');
    expect(await store.ok(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'web'])).toBe(
      'exited 0',
    );
    const rm = await store.run(['rm', 'web']);
    expect(rm).toMatchObject({ code: 0, stdout: 'web\n' });
    expect(store.mounts()).toEqual([]);
  });

  it('stop -t 1 kills a container that ignores SIGTERM; rm refuses a running one (2), missing one (1)', async () => {
    await store.ok(['run', '-d', '--name', 'stubborn', store.busybox, 'sleep', '1000']);
    const running = await store.run(['rm', 'stubborn']);
    expect(running.code).toBe(2);
    expect(running.stderr).toMatch(/^Error: cannot remove container [0-9a-f]{64} as it is running/);
    const started = Date.now();
    await store.ok(['stop', '-t', '1', 'stubborn']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await store.ok(['inspect', '-f', '{{.State.ExitCode}}', 'stubborn'])).toBe('137');
    await store.ok(['rm', 'stubborn']);
    const missing = await store.run(['rm', 'stubborn']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('Error: no container with name or ID "stubborn" found: no such container\n');
  });

  it('stop returns once the container conmon is gone (stop does the cleanup, not an exit command)', async () => {
    // Five rounds: conmon used to finish (and start a Node cleanup) just after stop returned.
    for (let round = 0; round < 5; round++) {
      const id = await store.ok(['run', '-d', store.busybox, 'sleep', '1000']);
      expect(store.conmons()).toHaveLength(1);
      await store.ok(['stop', '-t', '0', id]);
      expect(store.conmons()).toEqual([]);
      await store.ok(['rm', id]);
    }
  });

  it('kill -s, pause/unpause, restart, wait', async () => {
    await store.ok([
      'run',
      '-d',
      '--name',
      'k',
      store.busybox,
      'sh',
      '-c',
      'trap "exit 12" USR1; while true; do sleep 0.1; done',
    ]);
    await store.ok(['pause', 'k']);
    expect(await store.ok(['ps', '--filter', 'name=^k$', '--format', '{{.Status}}'])).toBe('Paused');
    expect((await store.run(['pause', 'k'])).stderr).toMatch(/not running, can't pause/);
    await store.ok(['unpause', 'k']);
    await store.ok(['restart', '-t', '0', 'k']);
    expect(await store.ok(['inspect', '-f', '{{.State.Status}}', 'k'])).toBe('running');
    await store.ok(['kill', '-s', 'USR1', 'k']);
    expect(await store.ok(['wait', 'k'])).toBe('12');
    const bad = await store.run(['kill', '-s', 'NOPE', 'k']);
    expect(bad).toMatchObject({ code: 125, stderr: 'Error: invalid signal: NOPE\n' });
    await store.ok(['rm', 'k']);
  });

  it('create then start -a attaches and returns the exit code; logs --tail and -t', async () => {
    const id = await store.ok([
      'create',
      '--name',
      'later',
      store.busybox,
      'sh',
      '-c',
      'for i in 1 2 3; do echo line$i; done; exit 4',
    ]);
    expect(await store.ok(['ps', '-a', '--filter', 'status=created', '--format', '{{.Names}}'])).toBe(
      'later',
    );
    const r = await store.run(['start', '-a', id]);
    expect(r).toMatchObject({ code: 4, stdout: 'line1\nline2\nline3\n' });
    expect(await store.ok(['logs', '--tail', '1', 'later'])).toBe('line3');
    expect(await store.ok(['logs', '-t', '--tail', '1', 'later'])).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d) line3$/,
    );
    expect(
      await store.ok(['ps', '-a', '--filter', 'exited=4', '--format', '{{.Names}} {{.Status}}']),
    ).toMatch(/^later Exited \(4\) /);
    await store.ok(['rm', 'later']);
  });

  it('logs -f follows a running container until it exits, after the starting CLI is gone', async () => {
    await store.ok([
      'run',
      '-d',
      '--name',
      'talker',
      store.busybox,
      'sh',
      '-c',
      'for i in 1 2 3; do echo tick$i; sleep 0.3; done',
    ]);
    const r = await store.run(['logs', '-f', 'talker'], { timeoutMs: 15_000 });
    expect(r).toMatchObject({ code: 0, stdout: 'tick1\ntick2\ntick3\n' });
    await store.ok(['rm', 'talker']);
  });
});

describe('restart policies (no daemon: conmon runs the exit command)', () => {
  it('on-failure:2 restarts twice, then leaves the container exited', async () => {
    await store.ok([
      'run',
      '-d',
      '--name',
      'flaky',
      '--restart',
      'on-failure:2',
      store.busybox,
      'sh',
      '-c',
      'exit 3',
    ]);
    const final = await eventually(async () => {
      const [status, count] = (
        await store.ok(['inspect', '-f', '{{.State.Status}} {{.RestartCount}}', 'flaky'])
      ).split(' ');
      return status === 'exited' && count === '2' ? count : undefined;
    }, 20_000);
    expect(final).toBe('2');
    await new Promise((r) => setTimeout(r, 1000));
    expect(
      await store.ok([
        'inspect',
        '-f',
        '{{.State.Status}} {{.RestartCount}} {{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}',
        'flaky',
      ]),
    ).toBe('exited 2 on-failure 2');
    await store.ok(['rm', 'flaky']);
  });

  it('always restarts after the process exits but not after stop', async () => {
    await store.ok([
      'run',
      '-d',
      '--name',
      'phoenix',
      '--restart',
      'always',
      store.busybox,
      'sh',
      '-c',
      'sleep 0.3; exit 0',
    ]);
    await eventually(async () => {
      const count = Number(await store.ok(['inspect', '-f', '{{.RestartCount}}', 'phoenix']));
      return count >= 1 ? count : undefined;
    }, 20_000);
    await store.ok(['stop', '-t', '1', 'phoenix']);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await store.ok(['inspect', '-f', '{{.State.Status}}', 'phoenix'])).toBe('exited');
    await store.ok(['rm', 'phoenix']);
  });

  it('a detached --rm container is removed by its exit command', async () => {
    const id = await store.ok(['run', '-d', '--rm', store.busybox, 'true']);
    await eventually(async () => ((await store.run(['inspect', id])).code !== 0 ? true : undefined));
    expect(store.mounts()).toEqual([]);
    expect(existsSync(path.join(store.root, 'containers', id))).toBe(false);
  });
});

describe('volumes in containers', () => {
  it('named volumes persist and are copied up from the image; anonymous ones go with rm -v', async () => {
    await store.ok([
      'run',
      '--rm',
      '-v',
      'etcdata:/etc',
      store.busybox,
      'sh',
      '-c',
      'echo kept > /etc/marker',
    ]);
    // First use copied the image's /etc into the volume; the write stayed in the volume.
    const seen = await store.ok([
      'run',
      '--rm',
      '-v',
      'etcdata:/mnt:ro',
      store.busybox,
      'sh',
      '-c',
      'cat /mnt/marker; test -f /mnt/passwd && echo has-passwd; touch /mnt/x 2>/dev/null || echo ro',
    ]);
    expect(seen).toBe('kept\nhas-passwd\nro');
    const inUse = await store.run([
      'run',
      '-d',
      '--name',
      'holder',
      '-v',
      'etcdata:/data',
      store.busybox,
      'sleep',
      '100',
    ]);
    expect(inUse.code, inUse.stderr).toBe(0);
    const refused = await store.run(['volume', 'rm', 'etcdata']);
    expect(refused.code).toBe(2);
    await store.ok(['rm', '-f', 'holder']);
    await store.ok(['volume', 'rm', 'etcdata']);

    await store.ok(['create', '--name', 'anon', '-v', '/scratch', store.busybox, 'true']);
    await store.ok(['start', '-a', 'anon']);
    const [mount] = JSON.parse(await store.ok(['inspect', 'anon']))[0].Mounts as Array<{
      Name: string;
      Type: string;
    }>;
    expect(mount!.Type).toBe('volume');
    expect(await store.ok(['volume', 'ls', '-q'])).toContain(mount!.Name);
    await store.ok(['rm', '-v', 'anon']);
    expect(await store.ok(['volume', 'ls', '-q'])).not.toContain(mount!.Name);
  }, 60_000);
});

describe('resources and security flags', () => {
  it('applies --memory, --pids-limit, --cap-drop, --privileged, --init, --stop-signal and --log-opt', async () => {
    const limits = await store.ok([
      'run', '--rm', '--memory', '64m', '--pids-limit', '50', '--cap-drop', 'all', store.busybox,
      'sh', '-c', 'cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/memory.max 2>/dev/null | head -1; cat /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/pids.max 2>/dev/null | head -1; grep CapEff /proc/self/status',
    ]); // prettier-ignore
    expect(limits.split('\n')).toEqual(['67108864', '50', 'CapEff:\t0000000000000000']);
    const privileged = await store.ok([
      'run',
      '--rm',
      '--privileged',
      store.busybox,
      'sh',
      '-c',
      'grep CapEff /proc/self/status',
    ]);
    expect(privileged).not.toBe('CapEff:\t0000000000000000');
    expect(
      await store.ok([
        'run',
        '--rm',
        '--init',
        store.busybox,
        'sh',
        '-c',
        'cat /proc/1/cmdline | tr "\\0" " "',
      ]),
    ).toMatch(/^\/run\/berth-init -- sh -c /);
    await store.ok([
      'create',
      '--name',
      'flags',
      '--stop-signal',
      'SIGUSR1',
      '--stop-timeout',
      '3',
      '--log-opt',
      'max-size=1m',
      '--restart',
      'always',
      store.busybox,
      'true',
    ]);
    expect(
      await store.ok([
        'inspect',
        '-f',
        '{{.Config.StopSignal}} {{.Config.StopTimeout}} {{.HostConfig.RestartPolicy.Name}} {{.HostConfig.Memory}}',
        'flags',
      ]),
    ).toBe('SIGUSR1 3 always 0');
    expect((await store.run(['run', '--log-opt', 'tag=x', store.busybox, 'true'])).stderr).toMatch(
      /^Error: --log-opt tag=x: unsupported log option/,
    );
    await store.ok(['rm', 'flags']);
  }, 60_000);
});
