// Looking at and managing containers from the CLI, on real runc + conmon containers: top (psgo's
// descriptors from /proc of the cgroup's PIDs, and ps(1) run inside for other arguments), stats
// from the cgroups, port from the recorded -p list, rename, container prune and container exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnBerth } from './helpers/berth-cli.js';
import { containerStore, eventually, type ContainerStore } from './helpers/container-store.js';

let store: ContainerStore;
beforeAll(async () => {
  store = await containerStore();
}, 60_000);
afterAll(async () => {
  await store?.dispose();
}, 60_000);

describe('top', () => {
  it("prints podman's default columns for the container's processes, with container PIDs and users", async () => {
    await store.ok(['run', '-d', '--name', 'topper', store.busybox, 'sh', '-c', 'sleep 500 & sleep 1000']);
    await store.ok(['run', '-d', '--name', 'topnobody', '-u', 'nobody', store.busybox, 'sleep', '700']);
    const lines = await eventually(async () => {
      const out = (await store.ok(['top', 'topper'])).split('\n');
      return out.length === 3 ? out : undefined;
    });
    expect(lines[0]).toBe(
      'USER        PID         PPID        %CPU        ELAPSED     TTY         TIME        COMMAND',
    );
    const rows = lines.slice(1).map((l) => l.split(/\s+/));
    // busybox sh execs its last command: PID 1 is `sleep 1000`, its child the background sleep.
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ['root', '1', '0', '0.000'],
      ['root', expect.stringMatching(/^\d+$/), '1', '0.000'],
    ]);
    expect(rows[0]![4]).toMatch(/^\d+(\.\d+)?(ms|s)$|^\d+m[\d.]+s$/);
    expect(rows[0]!.slice(5, 7)).toEqual(['?', '0s']);
    expect(lines[1]).toMatch(/ sleep 1000 $/);
    expect(lines[2]).toMatch(/ sleep 500 ?$/); // (the last line lost its trailing space to trim)

    const picked = (await store.ok(['top', 'topnobody', 'pid,comm', 'args', '%U'])).split('\n');
    expect(picked).toEqual([
      'PID         COMMAND     COMMAND     USER',
      '1           sleep       sleep 700   nobody',
    ]);
    await store.ok(['rm', '-f', '-t', '0', 'topnobody']);
  });

  it('runs ps(1) inside the container for ps options, and refuses containers that are not running', async () => {
    const out = await store.ok(['top', 'topper', '-o', 'pid,args']);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^\s*PID\s+COMMAND$/);
    expect(out).toMatch(/^\s*1 sleep 1000\n\s*\d+ sleep 500$/m);
    // The ps process itself is filtered out, as podman does.
    expect(out).not.toMatch(/-o pid,args/);
    await store.ok(['create', '--name', 'idle', store.busybox, 'true']);
    const idle = await store.run(['top', 'idle']);
    expect(idle).toMatchObject({
      code: 125,
      stderr: 'Error: top can only be used on running containers: container idle is created\n',
    });
    const missing = await store.run(['top', 'nosuch']);
    expect(missing.code).toBe(125);
    await store.ok(['rm', '-f', '-t', '0', 'topper', 'idle']);
  });
});

/** Starts `berth stats ...` and collects stdout until `enough` says stop; then interrupts it. */
function streamStats(args: readonly string[], enough: (out: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnBerth(store, ['stats', ...args]);
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`stats did not produce enough output: ${JSON.stringify(out)}`));
    }, 20_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (enough(out)) {
        clearTimeout(timer);
        child.kill('SIGINT');
        resolve(out);
      }
    });
  });
}

describe('stats', () => {
  it("shows podman's table from the container's cgroups: CPU, memory limit, PIDs; zeros when stopped", async () => {
    // Two processes: the busy loop and a sleeper it started. No network: NET IO stays at zero
    // (a bridge interface sees router solicitations and ARP from the host).
    await store.ok([
      'run', '-d', '--name', 'busy', '--memory', '64m', '--network', 'none', store.busybox, 'sh', '-c', 'sleep 1000 & while :; do :; done',
    ]); // prettier-ignore
    await store.ok(['create', '--name', 'quiet', store.busybox, 'true']);
    await new Promise((r) => setTimeout(r, 1000));
    const table = (await store.ok(['stats', '--no-stream', 'busy'])).split('\n');
    expect(table[0]).toMatch(
      /^ID\s+NAME\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %\s+NET IO\s+BLOCK IO\s+PIDS\s+CPU TIME\s+AVG CPU %$/,
    );
    const json = JSON.parse(await store.ok(['stats', '--no-stream', '--format', 'json', 'busy']))[0];
    expect(Object.keys(json)).toEqual([
      'id', 'name', 'cpu_time', 'cpu_percent', 'avg_cpu', 'mem_usage', 'mem_percent', 'net_io', 'block_io', 'pids',
    ]); // prettier-ignore
    expect(json.name).toBe('busy');
    expect(json.id).toHaveLength(12);
    expect(json.mem_usage).toMatch(/^[\d.]+[kM]?B \/ 67\.11MB$/);
    expect(json.pids).toBe('2');
    expect(json.net_io).toBe('0B / 0B');
    expect(Number.parseFloat(json.cpu_percent)).toBeGreaterThan(10);
    expect(json.cpu_time).toMatch(/^\d+(\.\d+)?(ms|s)$/);
    const template = await store.ok([
      'stats',
      '--no-stream',
      '-a',
      '--format',
      '{{.Name}} {{.PIDS}} {{.MemPerc}}',
    ]);
    expect(template.split('\n')).toEqual(expect.arrayContaining(['quiet 0 0.00%']));
    expect(template).toMatch(/^busy 2 \d+\.\d\d%$/m);
    // Without -a only running containers; a named stopped one reads as zeros.
    expect(await store.ok(['stats', '--no-stream', '--format', '{{.Name}}'])).toBe('busy');
    expect(await store.ok(['stats', '--no-stream', '--format', '{{.CPUPerc}} {{.MemUsage}}', 'quiet'])).toBe(
      '0.00% 0B / 0B',
    );
    const missing = await store.run(['stats', '--no-stream', 'nosuch']);
    expect(missing).toMatchObject({
      code: 125,
      stderr: 'Error: no container with name or ID "nosuch" found: no such container\n',
    });
  });

  it('streams samples every --interval, clearing the screen unless --no-reset', async () => {
    const plain = await streamStats(
      ['--interval', '1', '--no-reset', '--format', '{{.Name}} {{.PIDS}}', 'busy'],
      (o) => o.split('\n').filter((l) => l === 'busy 2').length >= 2,
    );
    expect(plain).not.toContain('\x1b[2J');
    const cleared = await streamStats(
      ['--interval', '1', '--format', '{{.Name}}', 'busy'],
      (o) => o.split('\x1b[2J').length >= 3,
    );
    expect(cleared.startsWith('\x1b[2J\x1b[1;1Hbusy\n')).toBe(true);
    await store.ok(['rm', '-f', '-t', '0', 'busy', 'quiet']);
  });
});

describe('port', () => {
  it("lists a running container's published ports in podman's format and order", async () => {
    await store.ok([
      'create', '--name', 'web', '-p', '7000:80', '-p', '6000:9000', '-p', '6500:70/udp',
      '-p', '127.0.0.1:5000-5001:6000-6001', store.busybox, 'sleep', '1000',
    ]); // prettier-ignore
    // Not running: no mappings, as podman (they come from the running network).
    expect(await store.run(['port', 'web'])).toMatchObject({ code: 0, stdout: '' });
    await store.ok(['start', 'web']);
    expect((await store.ok(['port', 'web'])).split('\n')).toEqual([
      '6000/tcp -> 127.0.0.1:5000',
      '6001/tcp -> 127.0.0.1:5001',
      '9000/tcp -> 0.0.0.0:6000',
      '80/tcp -> 0.0.0.0:7000',
      '70/udp -> 0.0.0.0:6500',
    ]);
    expect(await store.ok(['port', 'web', '80'])).toBe('0.0.0.0:7000');
    expect(await store.ok(['port', 'web', '6001/tcp'])).toBe('127.0.0.1:5001');
    expect(await store.ok(['port', 'web', '70/udp'])).toBe('0.0.0.0:6500');
    expect(await store.run(['port', 'web', '81'])).toMatchObject({
      code: 125,
      stderr: 'Error: failed to find published port "81"\n',
    });
    const id = await store.ok(['inspect', '-f', '{{.Id}}', 'web']);
    expect((await store.ok(['port', '-a'])).split('\n')[0]).toBe(
      `${id.slice(0, 12)}\t6000/tcp -> 127.0.0.1:5000`,
    );
    expect(await store.ok(['container', 'port', '-l', '80'])).toBe('0.0.0.0:7000');
  });
});

describe('rename, exists, prune, list', () => {
  it('renames a running container, records the event, refuses a taken or invalid name', async () => {
    expect(await store.run(['rename', 'web', 'site'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(await store.ok(['ps', '--format', '{{.Names}}'])).toBe('site');
    expect(await store.ok(['port', 'site', '80'])).toBe('0.0.0.0:7000');
    await store.ok(['create', '--name', 'other', store.busybox, 'true']);
    const taken = await store.run(['container', 'rename', 'other', 'site']);
    expect(taken.code).toBe(125);
    expect(taken.stderr).toMatch(/^Error: the container name "site" is already in use/);
    const invalid = await store.run(['rename', 'other', 'bad name']);
    expect(invalid.code).toBe(125);
    expect(invalid.stderr).toMatch(/is not a valid container name/);
    expect(await store.run(['rename', 'nosuch', 'x'])).toMatchObject({
      code: 125,
      stderr: 'Error: no container with name or ID "nosuch" found: no such container\n',
    });
    const events = await store.ok([
      'events', '--stream=false', '--filter', 'event=rename', '--format', '{{.Status}} {{.Name}}',
    ]); // prettier-ignore
    expect(events).toBe('rename site');
  });

  it('container exists answers with its exit code only', async () => {
    const id = await store.ok(['inspect', '-f', '{{.Id}}', 'site']);
    expect(await store.run(['container', 'exists', 'site'])).toMatchObject({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect((await store.run(['container', 'exists', id.slice(0, 10)])).code).toBe(0);
    expect(await store.run(['container', 'exists', 'web'])).toMatchObject({
      code: 1,
      stdout: '',
      stderr: '',
    });
  });

  it('container prune removes what is not running, honours label and until filters, and asks first', async () => {
    await store.ok(['create', '--name', 'labelled', '--label', 'tier=tmp', store.busybox, 'true']);
    await store.ok(['run', '--name', 'finished', store.busybox, 'true']);
    const ids = async (name: string) => store.ok(['inspect', '-f', '{{.Id}}', name]);
    const labelled = await ids('labelled');
    const eof = await store.run(['container', 'prune']);
    expect(eof.code).toBe(125);
    expect(eof.stdout).toBe(
      'WARNING! This will remove all non running containers.\nAre you sure you want to continue? [y/N] ',
    );
    const no = await store.run(['container', 'prune'], { input: 'n\n' });
    expect(no.code).toBe(0);
    expect(await store.ok(['container', 'exists', 'labelled'])).toBe('');
    expect(await store.ok(['container', 'prune', '-f', '--filter', 'label=tier=tmp'])).toBe(labelled);
    expect((await store.run(['container', 'exists', 'labelled'])).code).toBe(1);
    // Everything here is younger than an hour: until=1h keeps it all.
    expect(await store.ok(['container', 'prune', '-f', '--filter', 'until=1h'])).toBe('');
    const bad = await store.run(['container', 'prune', '-f', '--filter', 'color=red']);
    expect(bad.code).toBe(125);
    const expected = [await ids('other'), await ids('finished')].sort();
    const pruned = await store.run(['container', 'prune'], { input: 'y\n' });
    expect(pruned.code).toBe(0);
    expect([...pruned.stdout.matchAll(/[0-9a-f]{64}/g)].map((m) => m[0]).sort()).toEqual(expected);
    expect(await store.ok(['container', 'list', '-a', '--format', '{{.Names}}'])).toBe('site');
    expect(await store.ok(['container', 'ls', '--format', '{{.Names}} {{.State}}'])).toBe('site running');
    await store.ok(['rm', '-f', '-t', '0', 'site']);
  });
});

describe('output to a slow reader', () => {
  it('is written whole before the CLI exits, through a socket whose reader is behind', async () => {
    // Node's spawn gives the child a socket pair, written asynchronously: over a megabyte of inspect output
    // overflows it while this process does not read, and exiting at once used to cut it short.
    const refs = Array<string>(1000).fill(store.busybox);
    const child = spawnBerth(store, ['image', 'inspect', ...refs]);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Not reading for a while: the CLI finishes and exits meanwhile.
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      /* busy: no event loop turn */
    }
    expect(await exited).toBe(0);
    const output = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[];
    expect(output).toHaveLength(1000);
  }, 60_000);
});
