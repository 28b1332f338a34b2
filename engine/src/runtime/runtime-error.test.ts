import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConmonMessageReader } from './conmon-sync-pipe.js';
import { extractRuntimeMessage } from './runtime-error.js';

describe('extractRuntimeMessage', () => {
  it('takes the msg of runc error lines, unescaping quotes', () => {
    const stderr =
      'time="2024-01-01T00:00:00Z" level=warning msg="ignored"\n' +
      'time="2024-01-01T00:00:00Z" level=error msg="runc create failed: unable to start container process: exec: \\"nope\\": executable file not found in $PATH"\n';
    expect(extractRuntimeMessage(stderr)).toBe(
      'runc create failed: unable to start container process: exec: "nope": executable file not found in $PATH',
    );
  });
  it('reads JSON log lines', () => {
    expect(extractRuntimeMessage('{"level":"error","msg":"container does not exist","time":"x"}\n')).toBe(
      'container does not exist',
    );
  });
  it('keeps plain text', () => {
    expect(extractRuntimeMessage('  something broke \n')).toBe('something broke');
  });
});

describe('ConmonMessageReader', () => {
  it('hands out JSON lines one by one, then undefined at the end', async () => {
    const pipe = new PassThrough();
    const reader = new ConmonMessageReader(pipe);
    pipe.write('{"data": 42}\n{"data": -1, "mess');
    expect(await reader.next()).toEqual({ data: 42 });
    pipe.end('age": "boom"}');
    expect(await reader.next()).toEqual({ data: -1, message: 'boom' });
    expect(await reader.next()).toBeUndefined();
  });
  it('reports unexpected lines', async () => {
    const pipe = new PassThrough();
    const reader = new ConmonMessageReader(pipe);
    pipe.end('oops\n');
    expect(await reader.next()).toEqual({ data: -1, message: 'unexpected line from conmon: oops' });
  });
});
