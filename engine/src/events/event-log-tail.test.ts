import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventLogPaths, type EventLogPaths } from './event-log-paths.js';
import { EventLogTail } from './event-log-tail.js';

let base: string;
let paths: EventLogPaths;
let tail: EventLogTail;

beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'berth-tail-'));
  paths = eventLogPaths({ runRoot: base });
  mkdirSync(paths.dir);
  tail = new EventLogTail(paths, 0);
});
afterEach(() => {
  tail.close();
  rmSync(base, { recursive: true, force: true });
});

const write = (...lines: string[]) => appendFileSync(paths.current, lines.map((l) => `${l}\n`).join(''));
const rotate = () => renameSync(paths.current, paths.previous);

describe('EventLogTail', () => {
  it('reads history from the previous file then the current one', () => {
    write('a', 'b');
    rotate();
    write('c');
    expect(tail.start(true)).toEqual(['a', 'b', 'c']);
    write('d');
    expect(tail.readAvailable()).toEqual(['d']);
  });

  it('starts at the end, skipping a line that is still being written', () => {
    write('old');
    appendFileSync(paths.current, 'half of a li');
    expect(tail.start(false)).toEqual([]);
    appendFileSync(paths.current, 'ne\nnext\n');
    expect(tail.readAvailable()).toEqual(['next']);
  });

  it('holds back a partial line until its newline arrives', () => {
    tail.start(true);
    appendFileSync(paths.current, '{"partial":');
    expect(tail.readAvailable()).toEqual([]);
    appendFileSync(paths.current, 'true}\n');
    expect(tail.readAvailable()).toEqual(['{"partial":true}']);
  });

  it('loses nothing across two rotations between reads', () => {
    write('1');
    expect(tail.start(false)).toEqual([]);
    write('2');
    rotate();
    write('3');
    rotate();
    write('4');
    expect(tail.readAvailable()).toEqual(['2', '3', '4']);
    write('5');
    expect(tail.readAvailable()).toEqual(['5']);
  });

  it('waits for a file that does not exist yet and reads it from its start', () => {
    expect(tail.start(false)).toEqual([]);
    expect(tail.readAvailable()).toEqual([]);
    write('first');
    expect(tail.readAvailable()).toEqual(['first']);
  });
});
