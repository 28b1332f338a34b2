// `berth events` and the event log behind it: appends from many processes at once land whole and
// exactly once; `events` follows appends made by other processes and ends cleanly on a signal;
// filters, --since/--until, --format json and templates; image and volume commands record events.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { spawnBerth, tempStore } from './helpers/berth-cli.js';

const store = tempStore();
afterAll(() => store.cleanup());

function runNode(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
}

/** Starts `berth events ...` and collects its stdout lines as they come. */
function follow(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  waitFor: (n: number) => Promise<void>;
} {
  const child = spawnBerth(store, ['events', ...args]);
  const lines: string[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  const waitFor = async (n: number) => {
    const deadline = Date.now() + 15_000;
    while (lines.length < n) {
      if (Date.now() > deadline)
        throw new Error(`berth events printed ${lines.length} of ${n} lines: ${lines.join('\n')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { child, lines, waitFor };
}

function exitOf(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
}

describe('the event log', () => {
  it('keeps every line whole when 20 processes append 50 events each at once', async () => {
    const helper = path.resolve('test/integration/helpers/append-events.ts');
    const barrier = mkdtempSync(path.join(os.tmpdir(), 'berth-barrier-'));
    const workers = Promise.all(
      Array.from({ length: 20 }, (_, worker) =>
        runNode(['--import', 'tsx', helper, store.root, store.runroot, String(worker), '50', barrier]),
      ),
    );
    // Release all writers at once, when every one of them has its store open.
    while (readdirSync(barrier).length < 20) await new Promise((r) => setTimeout(r, 20));
    writeFileSync(path.join(barrier, 'go'), '');
    expect(await workers).toEqual(Array(20).fill(0));
    rmSync(barrier, { recursive: true, force: true });
    const text = readFileSync(path.join(store.runroot, 'events', 'events.log'), 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(text.endsWith('\n')).toBe(true);
    expect(lines).toHaveLength(1000);
    const parsed = lines.map((line) => JSON.parse(line) as { ID: string; Name: string });
    const ids = new Set(parsed.map((e) => e.ID));
    // The writers really ran at once: their lines interleave rather than follow each other in blocks.
    const switches = parsed.filter((e, i) => i > 0 && e.Name !== parsed[i - 1]!.Name).length;
    expect(switches).toBeGreaterThan(19);
    expect(ids.size).toBe(1000);
    for (let w = 0; w < 20; w++) for (let i = 0; i < 50; i++) expect(ids.has(`${w}-${i}`)).toBe(true);
    const listed = await store.run([
      'events',
      '--stream=false',
      '--format',
      'json',
      '--filter',
      'event=exec',
    ]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout.trimEnd().split('\n')).toHaveLength(1000);
  }, 180_000);

  it('follows events appended by other processes and stops on SIGINT', async () => {
    const { child, lines, waitFor } = follow(['--format', 'json', '--filter', 'type=volume']);
    const exited = exitOf(child);
    // Following starts at the end of the log: append probes until the follower shows it is reading.
    for (let probe = 0; lines.length === 0; probe++) {
      expect(probe).toBeLessThan(100);
      expect((await store.run(['volume', 'create', `probe-${probe}`])).code).toBe(0);
      await new Promise((r) => setTimeout(r, 200));
    }
    const seen = lines.length;
    expect((await store.run(['volume', 'create', 'followed-1'])).code).toBe(0);
    expect((await store.run(['volume', 'create', 'followed-2'])).code).toBe(0);
    await waitFor(seen + 2);
    const events = lines.slice(seen).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.map((e) => `${String(e.Type)} ${String(e.Status)} ${String(e.Name)}`)).toEqual([
      'volume create followed-1',
      'volume create followed-2',
    ]);
    expect(Object.keys(events[0]!)).toEqual(['Name', 'Status', 'time', 'timeNano', 'Type', 'Attributes']);
    expect(typeof events[0]!.timeNano).toBe('number');
    child.kill('SIGINT');
    expect(await exited).toEqual({ code: 0, signal: null });
  });

  it('replays from --since, then follows; ends at --until', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const { child, waitFor, lines } = follow([
      '--since',
      since,
      '--until',
      '3s',
      '--filter',
      'volume=followed',
    ]);
    const exited = exitOf(child);
    await waitFor(2);
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? [+-]\d{4} \S+ volume create followed-1$/,
    );
    // --until 3s is in the future: it keeps following, then ends by itself.
    expect(await exited).toEqual({ code: 0, signal: null });
  });

  it('filters, selects time windows and formats like podman', async () => {
    await store.run(['volume', 'create', '--label', 'x=y', 'window-a']);
    const middle = (Date.now() / 1000).toFixed(3);
    await new Promise((r) => setTimeout(r, 20));
    await store.run(['volume', 'rm', 'window-a']);
    const run = async (...args: string[]) => {
      const r = await store.run(['events', '--stream=false', ...args]);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout.trimEnd().split('\n').filter(Boolean);
    };
    expect(await run('--filter', 'volume=window-a', '--format', '{{.Type}} {{.Status}} {{.Name}}')).toEqual([
      'volume create window-a',
      'volume remove window-a',
    ]);
    expect(await run('--filter', 'volume=window-a', '--since', middle, '--format', '{{.Status}}')).toEqual([
      'remove',
    ]);
    expect(await run('--filter', 'volume=window-a', '--until', middle, '--format', '{{.Status}}')).toEqual([
      'create',
    ]);
    expect(
      await run('--filter', 'volume=window-a', '--filter', 'since=' + middle, '--format', '{{.Status}}'),
    ).toEqual(['remove']);
    expect(
      await run(
        '--filter',
        'event=remove',
        '--filter',
        'event=create',
        '--filter',
        'volume=window',
        '--format',
        '{{.Status}}',
      ),
    ).toEqual(['create', 'remove']);
    expect(await run('--filter', 'type=image', '--filter', 'volume=window-a')).toEqual([]);
    const times = await run('--filter', 'volume=window-a', '--format', '{{.Time}} {{.TimeNano}}');
    for (const line of times) {
      const [seconds, nanos] = line.split(' ');
      expect(nanos!.startsWith(seconds!)).toBe(true);
      expect(nanos).toMatch(/^\d{19}$/);
    }
    const bad = await store.run(['events', '--stream=false', '--filter', 'colour=blue']);
    expect(bad.code).toBe(125);
    expect(bad.stderr).toMatch(/^Error: colour is an invalid filter/);
    const badTime = await store.run(['events', '--stream=false', '--since', 'last week']);
    expect(badTime.code).toBe(125);
    expect(badTime.stderr).toMatch(/^Error: unable to interpret time value "last week"/);
    const help = await store.run(['events', '--help']);
    expect(help.stdout).toMatch(/--stream/);
    expect(help.stdout).toMatch(/--no-trunc/);
  });

  it('records image pull, tag, untag and remove', async () => {
    const image = `${inject('registryHost')}/library/busybox`;
    const pulled = await store.run(['pull', '-q', image]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const id = pulled.stdout.trim();
    expect((await store.run(['tag', image, 'evbox:1'])).code).toBe(0);
    expect((await store.run(['untag', id, 'localhost/evbox:1'])).code).toBe(0);
    expect((await store.run(['rmi', image])).code).toBe(0);
    const r = await store.run(['events', '--stream=false', '--filter', 'type=image']);
    expect(r.code, r.stderr).toBe(0);
    // Drop the time (date, clock, offset, zone): what remains is podman's image line.
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(' ').slice(4).join(' '));
    expect(lines).toEqual([
      `image pull ${id} ${image}`,
      `image tag ${id} localhost/evbox:1`,
      `image untag ${id} localhost/evbox:1`,
      `image untag ${id} ${image}:latest`,
      `image remove ${id} ${image}`,
    ]);
    const short = await store.run(['events', '--stream=false', '--filter', 'event=pull', '--no-trunc=false']);
    expect(short.stdout).toContain(`image pull ${id.slice(0, 12)} ${image}`);
    expect(
      (await store.run(['events', '--stream=false', '--filter', `image=${id.slice(0, 8)}`])).stdout
        .trimEnd()
        .split('\n'),
    ).toHaveLength(5);
  });
});
