import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogEntryAssembler, parseLogRecord, readContainerLogs, type LogEntry } from './k8s-file-log.js';

const T = (n: number) => `2024-05-06T07:08:${String(n).padStart(2, '0')}.012345678+00:00`;

describe('parseLogRecord', () => {
  it('parses nanosecond timestamps with offsets', () => {
    const r = parseLogRecord(`${T(9)} stdout F hello world`)!;
    expect(r).toMatchObject({ time: T(9), stream: 'stdout', partial: false, text: 'hello world' });
    expect(r.timeNs).toBe(BigInt(Date.parse('2024-05-06T07:08:09Z')) * 1_000_000n + 12345678n);
    expect(parseLogRecord('2024-05-06T09:08:09.000000001+02:00 stderr P x')!.timeNs).toBe(
      BigInt(Date.parse('2024-05-06T07:08:09Z')) * 1_000_000n + 1n,
    );
  });
  it('keeps empty text and carriage returns', () => {
    expect(parseLogRecord(`${T(1)} stdout F `)!.text).toBe('');
    expect(parseLogRecord(`${T(1)} stdout F`)!.text).toBe('');
    expect(parseLogRecord(`${T(1)} stdout F a\r`)!.text).toBe('a\r');
  });
  it('rejects garbage', () => {
    expect(parseLogRecord('hello')).toBeUndefined();
    expect(parseLogRecord(`${T(1)} stdin F x`)).toBeUndefined();
  });
});

describe('LogEntryAssembler', () => {
  it('joins partial pieces per stream', () => {
    const a = new LogEntryAssembler();
    const out: LogEntry[] = [];
    for (const line of [
      `${T(1)} stdout P ab`,
      `${T(2)} stderr F err`,
      `${T(3)} stdout P cd`,
      `${T(4)} stdout F ef`,
      `${T(5)} stdout P tail`,
    ]) {
      const e = a.push(parseLogRecord(line)!);
      if (e) out.push(e);
    }
    expect(out.map((e) => [e.stream, e.text, e.time])).toEqual([
      ['stderr', 'err', T(2)],
      ['stdout', 'abcdef', T(1)],
    ]);
    expect(a.flush()).toMatchObject([{ text: 'tail', complete: false }]);
  });
});

describe('readContainerLogs', () => {
  let dir: string;
  let log: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'berth-log-'));
    log = path.join(dir, 'ctr.log');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const collect = async (it: AsyncIterable<LogEntry>) => {
    const out: string[] = [];
    for await (const e of it) out.push(e.text);
    return out;
  };

  it('reads everything, --tail, --since and --until', async () => {
    writeFileSync(log, [1, 2, 3, 4, 5].map((n) => `${T(n)} stdout F line${n}\n`).join(''));
    expect(await collect(readContainerLogs(log))).toEqual(['line1', 'line2', 'line3', 'line4', 'line5']);
    expect(await collect(readContainerLogs(log, { tail: 2 }))).toEqual(['line4', 'line5']);
    expect(await collect(readContainerLogs(log, { tail: 0 }))).toEqual([]);
    const since = new Date('2024-05-06T07:08:03Z');
    expect(await collect(readContainerLogs(log, { since }))).toEqual(['line3', 'line4', 'line5']);
    expect(await collect(readContainerLogs(log, { until: new Date('2024-05-06T07:08:02.5Z') }))).toEqual([
      'line1',
      'line2',
    ]);
  });

  it('treats a missing file as empty', async () => {
    expect(await collect(readContainerLogs(path.join(dir, 'none.log')))).toEqual([]);
  });

  it('follows appends, a replaced file, and stops when the exit file appears', async () => {
    writeFileSync(log, `${T(1)} stdout F first\n`);
    const exitFile = path.join(dir, 'exit');
    const seen: string[] = [];
    const done = (async () => {
      for await (const e of readContainerLogs(log, { follow: true, exitFile, pollMs: 20 })) seen.push(e.text);
    })();
    await until(() => seen.length === 1);
    appendFileSync(log, `${T(2)} stdout P sec\n`);
    appendFileSync(log, `${T(3)} stderr F between`);
    appendFileSync(log, `\n${T(4)} stdout F ond\n`);
    await until(() => seen.length === 3);
    // Rotation: the old file is renamed away and a new one begins.
    renameSync(log, `${log}.1`);
    writeFileSync(log, `${T(5)} stderr F after rotation\n`);
    await until(() => seen.length === 4);
    writeFileSync(exitFile, '0');
    appendFileSync(log, `${T(6)} stdout P no newline\n`);
    await done;
    expect(seen).toEqual(['first', 'between', 'second', 'after rotation', 'no newline']);
  });

  it('starts over when the file is truncated in place', async () => {
    writeFileSync(log, `${T(1)} stdout F aaaaaaaaaaaaaaaaaaaaaaaa\n`);
    const controller = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const e of readContainerLogs(log, { follow: true, signal: controller.signal, pollMs: 20 }))
        seen.push(e.text);
    })();
    await until(() => seen.length === 1);
    writeFileSync(log, `${T(2)} stdout F b\n`);
    await until(() => seen.length === 2);
    controller.abort();
    await done;
    expect(seen).toEqual(['aaaaaaaaaaaaaaaaaaaaaaaa', 'b']);
  });
});

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('readContainerLogs --tail from the end', () => {
  let dir: string;
  let log: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'berth-log-tail-'));
    log = path.join(dir, 'ctr.log');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const texts = async (options: Parameters<typeof readContainerLogs>[1]) => {
    const out: string[] = [];
    for await (const e of readContainerLogs(log, options))
      out.push(`${e.stream}:${e.text}${e.complete ? '' : '…'}`);
    return out;
  };
  /** What reading the whole file and keeping the last N gives. */

  it('matches reading everything, across chunks, pieces and interleaved streams', async () => {
    const records: string[] = [];
    // Long lines cross the 64 KiB chunks; P pieces of one stream straddle the other's lines.
    for (let i = 0; i < 3000; i++) {
      const stream = i % 7 === 0 ? 'stderr' : 'stdout';
      if (i % 11 === 0) {
        records.push(`${T(i % 60)} ${stream} P ${'p'.repeat(i % 500)}${i}a`);
        records.push(`${T(i % 60)} ${stream === 'stdout' ? 'stderr' : 'stdout'} F other${i}`);
        records.push(`${T(i % 60)} ${stream} P ${i}b`);
      }
      records.push(`${T(i % 60)} ${stream} F line${i} ${'x'.repeat(i % 97)} é`);
    }
    records.push(`${T(59)} stderr P pending`);
    writeFileSync(log, records.join('\n') + '\n' + `${T(59)} stdout F unfinished`);
    const all = await texts({});
    for (const tail of [...Array(40).keys(), 100, 1000, 3500, 10_000])
      expect(await texts({ tail }), `tail ${tail}`).toEqual(tail === 0 ? [] : all.slice(-tail));
  });

  it('reads a short file, one without a final line break, and a single pending piece', async () => {
    writeFileSync(log, `${T(1)} stdout F only`);
    expect(await texts({ tail: 1 })).toEqual([]);
    writeFileSync(log, `${T(1)} stdout F a\n${T(2)} stdout P b\n`);
    expect(await texts({ tail: 1 })).toEqual(['stdout:b…']);
    expect(await texts({ tail: 2 })).toEqual(['stdout:a', 'stdout:b…']);
    writeFileSync(log, `${T(1)} stdout P a\n${T(2)} stdout P b\n${T(3)} stdout F c\n`);
    expect(await texts({ tail: 1 })).toEqual(['stdout:abc']);
  });
});
