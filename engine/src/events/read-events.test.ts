import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../state/store.js';
import { setLogSink } from '../util/logger.js';
import { appendEvent } from './append-event.js';
import { encodeEventLine } from './event-codec.js';
import { eventLogPaths } from './event-log-paths.js';
import { readEvents } from './read-events.js';
import type { BerthEvent } from './event-types.js';

let base: string;
let store: Store;

beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'berth-events-'));
  store = openStore({ root: path.join(base, 'root'), runroot: path.join(base, 'run') });
});
afterEach(() => {
  store.close();
  rmSync(base, { recursive: true, force: true });
});

async function collect(
  iterable: AsyncIterable<BerthEvent>,
  count: number,
  timeoutMs = 5000,
): Promise<BerthEvent[]> {
  const out: BerthEvent[] = [];
  const consume = (async () => {
    for await (const event of iterable) {
      out.push(event);
      if (out.length === count) break;
    }
    return out;
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`only ${out.length} of ${count} events arrived`)), timeoutMs);
  });
  try {
    return await Promise.race([consume, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('appendEvent + readEvents', () => {
  it('reads back every appended event in order', async () => {
    for (let i = 0; i < 10; i++) appendEvent(store, { Type: 'volume', Status: 'create', Name: `v${i}` });
    const events = await collect(readEvents(store), 10);
    expect(events.map((e) => e.Name)).toEqual([...Array(10).keys()].map((i) => `v${i}`));
    expect(events.every((e, i) => i === 0 || e.timeNano > events[i - 1]!.timeNano)).toBe(true);
    const filtered = [];
    for await (const e of readEvents(store, { filters: ['volume=v3'] })) filtered.push(e.Name);
    expect(filtered).toEqual(['v3']);
  });

  it('applies since and until in nanoseconds', async () => {
    const events = [1, 2, 3].map((n) =>
      appendEvent(store, {
        Type: 'image',
        Status: 'tag',
        Name: `n${n}`,
        timeNano: BigInt(n) * 1_000_000_000n,
      }),
    );
    const names = async (options: Parameters<typeof readEvents>[1]) => {
      const out: string[] = [];
      for await (const e of readEvents(store, options)) out.push(e.Name!);
      return out;
    };
    expect(await names({ since: events[0]!.timeNano })).toEqual(['n2', 'n3']);
    expect(await names({ until: events[2]!.timeNano })).toEqual(['n1', 'n2']);
    expect(await names({ since: '1', until: '2.5' })).toEqual(['n2']);
  });

  it('follows from the end by default, and from --since with the history first', async () => {
    appendEvent(store, { Type: 'volume', Status: 'create', Name: 'old' });
    const controller = new AbortController();
    const fromEnd = collect(readEvents(store, { follow: true, signal: controller.signal }), 1);
    const withHistory = collect(readEvents(store, { follow: true, since: 0n, signal: controller.signal }), 2);
    await tick();
    appendEvent(store, { Type: 'volume', Status: 'create', Name: 'new' });
    expect((await fromEnd).map((e) => e.Name)).toEqual(['new']);
    expect((await withHistory).map((e) => e.Name)).toEqual(['old', 'new']);
  });

  it('never hands out half a line', async () => {
    const line = encodeEventLine({ Type: 'volume', Status: 'remove', Name: 'torn', timeNano: 5n });
    const controller = new AbortController();
    const seen: BerthEvent[] = [];
    const reading = (async () => {
      for await (const e of readEvents(store, {
        follow: true,
        fromStart: true,
        signal: controller.signal,
        pollMs: 10,
      }))
        seen.push(e);
    })();
    await tick();
    const file = eventLogPaths(store.paths).current;
    appendFileSync(file, line.slice(0, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([]);
    appendFileSync(file, line.slice(20));
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    await reading;
    expect(seen.map((e) => e.Name)).toEqual(['torn']);
  });

  it('stops following on abort, promptly, and idles without spinning', async () => {
    const controller = new AbortController();
    const before = process.cpuUsage();
    const started = Date.now();
    const reading = collect(readEvents(store, { follow: true, signal: controller.signal }), 1);
    setTimeout(() => controller.abort(), 1000);
    expect(await reading).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1500);
    const used = process.cpuUsage(before);
    // A second of waiting costs a few milliseconds of CPU at most (no busy polling).
    expect((used.user + used.system) / 1000).toBeLessThan(100);
  });

  it('rotates past the size limit, keeps one previous file, and followers cross the rotation', async () => {
    const controller = new AbortController();
    const following = collect(
      readEvents(store, { follow: true, signal: controller.signal, pollMs: 20 }),
      60,
      10_000,
    );
    await tick();
    for (let i = 0; i < 60; i++) {
      appendEvent(
        store,
        { Type: 'container', Status: 'start', ID: String(i), Name: `c${i}` },
        { maxBytes: 2000 },
      );
      if (i % 7 === 0) await tick();
    }
    const followed = await following;
    controller.abort();
    expect(followed.map((e) => e.ID)).toEqual([...Array(60).keys()].map(String));
    const { current, previous } = eventLogPaths(store.paths);
    expect(readFileSync(previous, 'utf8').length).toBeGreaterThan(2000);
    expect(readFileSync(current, 'utf8').length).toBeLessThanOrEqual(2200);
    // The history is what the two files hold, oldest first, without gaps at the seam.
    const history: string[] = [];
    for await (const e of readEvents(store)) history.push(e.ID!);
    expect(history.length).toBeGreaterThan(10);
    expect(history).toEqual(history.map((_, i) => String(Number(history[0]) + i)));
    expect(history.at(-1)).toBe('59');
  });

  it('never throws into the caller: a failed append is logged', () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    try {
      rmSync(path.join(base, 'run'), { recursive: true, force: true });
      writeFileSync(path.join(base, 'run'), 'not a directory');
      const event = appendEvent(store, { Type: 'volume', Status: 'create', Name: 'lost' });
      expect(event.timeNano > 0n).toBe(true);
      expect(lines.join('')).toMatch(/level=warning msg=".*volume create event of lost.*failed/);
    } finally {
      setLogSink((line) => process.stderr.write(line));
    }
  });
});
