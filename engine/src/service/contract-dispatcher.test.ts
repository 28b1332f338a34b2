import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../contract/wire-messages.js';
import { ContractDispatcher } from './contract-dispatcher.js';
import { createTestEngine, TEST_CONTRACT } from './testing/stream-test-contract.js';

function setup(options: { maxOpenStreams?: number; maxPendingSends?: number } = {}) {
  const { engine, counters } = createTestEngine();
  const sent: ServerMessage[] = [];
  const dispatcher = new ContractDispatcher(engine, (m) => sent.push(m), {
    contract: TEST_CONTRACT,
    ...options,
  });
  const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));
  const itemsOf = (id: number) =>
    sent.filter((m) => m.kind === 'item' && m.id === id).map((m) => (m as { value: unknown }).value);
  const endOf = (id: number) => sent.find((m) => m.kind === 'end' && m.id === id);
  return { dispatcher, sent, counters, settle, itemsOf, endOf };
}

describe('ContractDispatcher calls', () => {
  it('answers valid calls and refuses unknown methods and invalid input', async () => {
    const { dispatcher, sent } = setup();
    await dispatcher.handle({ kind: 'call', id: 1, method: 'test.echo', input: { text: 'hi' } });
    await dispatcher.handle({ kind: 'call', id: 2, method: 'test.nope', input: {} });
    await dispatcher.handle({ kind: 'call', id: 3, method: 'test.echo', input: { text: 5 } });
    await dispatcher.handle({ kind: 'call', id: 4, method: 'test.echo', input: { text: 'a', more: 1 } });
    await dispatcher.handle({ kind: 'bogus', id: 5 });
    expect(sent[0]).toEqual({ kind: 'result', id: 1, ok: true, value: { text: 'hi' } });
    expect(sent[1]).toMatchObject({ id: 2, ok: false, error: { code: 'unknown-method' } });
    expect(sent[2]).toMatchObject({ id: 3, ok: false, error: { code: 'invalid-input' } });
    expect((sent[2] as { error: { message: string } }).error.message).toContain('text');
    expect(sent[3]).toMatchObject({ id: 4, ok: false, error: { code: 'invalid-input' } });
    expect(sent[4]).toMatchObject({ id: 5, ok: false, error: { code: 'invalid-input' } });
  });
});

describe('ContractDispatcher streams', () => {
  it('sends no more items than the window until the client grants credit', async () => {
    const { dispatcher, counters, settle, itemsOf } = setup();
    await dispatcher.handle({ kind: 'open', id: 1, stream: 'test.count', input: { from: 10 }, window: 3 });
    await settle();
    expect(itemsOf(1)).toEqual([10, 11, 12]);
    // The source is not read ahead: one item at most is waiting for credit.
    expect(counters[0]!.produced).toBeLessThanOrEqual(4);
    await dispatcher.handle({ kind: 'credit', id: 1, items: 2 });
    await settle();
    expect(itemsOf(1)).toEqual([10, 11, 12, 13, 14]);
    expect(counters[0]!.produced).toBeLessThanOrEqual(6);
    dispatcher.close();
  });

  it('cancelling aborts the signal and stops the source', async () => {
    const { dispatcher, counters, settle, sent } = setup();
    await dispatcher.handle({ kind: 'open', id: 7, stream: 'test.count', input: { from: 0 }, window: 1000 });
    await settle();
    expect(counters[0]!.produced).toBeGreaterThan(0);
    await dispatcher.handle({ kind: 'cancel', id: 7 });
    await settle();
    expect(counters[0]).toMatchObject({ aborted: true, stopped: true });
    const count = sent.length;
    await settle();
    expect(sent.length).toBe(count);
    expect(dispatcher.openStreamCount).toBe(0);
  });

  it('stops a stream that is waiting for credit when it is cancelled', async () => {
    const { dispatcher, counters, settle } = setup();
    await dispatcher.handle({ kind: 'open', id: 1, stream: 'test.count', input: { from: 0 }, window: 1 });
    await settle();
    await dispatcher.handle({ kind: 'cancel', id: 1 });
    await settle();
    expect(counters[0]).toMatchObject({ aborted: true, stopped: true });
  });

  it('closing the connection stops every stream it had open', async () => {
    const { dispatcher, counters, settle } = setup();
    await dispatcher.handle({ kind: 'open', id: 1, stream: 'test.count', input: { from: 0 } });
    await dispatcher.handle({ kind: 'open', id: 2, stream: 'test.count', input: { from: 0 } });
    await settle();
    dispatcher.close();
    await settle();
    expect(counters.map((c) => c.stopped)).toEqual([true, true]);
    await dispatcher.handle({ kind: 'open', id: 3, stream: 'test.count', input: { from: 0 } });
    expect(counters).toHaveLength(2);
  });

  it('carries a duplex stream: validated input in, output out', async () => {
    const { dispatcher, settle, itemsOf, endOf } = setup();
    await dispatcher.handle({ kind: 'open', id: 4, stream: 'test.shell', input: {} });
    await dispatcher.handle({ kind: 'send', id: 4, value: { type: 'data', data: 'echo hi\n' } });
    await dispatcher.handle({ kind: 'send', id: 4, value: { type: 'resize', cols: 120, rows: 40 } });
    await dispatcher.handle({ kind: 'send', id: 4, value: { type: 'data', data: 'exit\n' } });
    await settle();
    expect(itemsOf(4)).toEqual([
      { type: 'data', data: 'ECHO HI\n' },
      { type: 'data', data: 'resized to 120x40\r\n' },
      { type: 'exit', code: 0 },
    ]);
    expect(endOf(4)).toEqual({ kind: 'end', id: 4 });
  });

  it('ends a duplex stream that is sent something its schema refuses', async () => {
    const { dispatcher, settle, endOf } = setup();
    await dispatcher.handle({ kind: 'open', id: 4, stream: 'test.shell', input: {} });
    await dispatcher.handle({ kind: 'send', id: 4, value: { type: 'resize', cols: 0, rows: 40 } });
    await settle();
    expect(endOf(4)).toMatchObject({ error: { code: 'invalid-input' } });
    expect(dispatcher.openStreamCount).toBe(0);
  });

  it('refuses input sent into a one-way stream', async () => {
    const { dispatcher, settle, endOf, counters } = setup();
    await dispatcher.handle({ kind: 'open', id: 1, stream: 'test.count', input: { from: 0 }, window: 1 });
    await dispatcher.handle({ kind: 'send', id: 1, value: 'rm -rf /' });
    await settle();
    expect(endOf(1)).toMatchObject({ error: { code: 'invalid-input' } });
    expect(counters[0]!.stopped).toBe(true);
  });

  it('ends a duplex stream whose input is not read fast enough', async () => {
    const { dispatcher, settle, endOf } = setup({ maxPendingSends: 2 });
    // The shell only reads input when it has credit to answer; with window 1 it stalls.
    await dispatcher.handle({ kind: 'open', id: 1, stream: 'test.shell', input: {}, window: 1 });
    for (let i = 0; i < 6; i++)
      await dispatcher.handle({ kind: 'send', id: 1, value: { type: 'data', data: 'x' } });
    await settle();
    expect(endOf(1)).toMatchObject({ error: { code: 'overflow' } });
  });

  it('refuses unknown streams, bad input, reused ids and too many streams', async () => {
    const { dispatcher, settle, endOf, sent } = setup({ maxOpenStreams: 2 });
    await dispatcher.handle({ kind: 'open', id: 1, stream: 'test.nope', input: {} });
    await dispatcher.handle({ kind: 'open', id: 2, stream: 'test.count', input: { from: 'a' } });
    await dispatcher.handle({ kind: 'open', id: 3, stream: 'test.count', input: { from: 0 }, window: 5000 });
    expect(endOf(1)).toMatchObject({ error: { code: 'unknown-method' } });
    expect(endOf(2)).toMatchObject({ error: { code: 'invalid-input' } });
    expect(sent.at(-1)).toMatchObject({ kind: 'result', id: 3, ok: false, error: { code: 'invalid-input' } });
    await dispatcher.handle({ kind: 'open', id: 10, stream: 'test.count', input: { from: 0 }, window: 1 });
    await dispatcher.handle({ kind: 'open', id: 11, stream: 'test.count', input: { from: 0 }, window: 1 });
    await dispatcher.handle({ kind: 'open', id: 12, stream: 'test.count', input: { from: 0 }, window: 1 });
    expect(endOf(12)).toMatchObject({ error: { code: 'too-many-streams' } });
    await dispatcher.handle({ kind: 'open', id: 10, stream: 'test.count', input: { from: 0 }, window: 1 });
    await settle();
    expect(endOf(10)).toMatchObject({ error: { code: 'invalid-input' } });
    dispatcher.close();
  });

  it('ends a failing stream with the error after the items it yielded', async () => {
    const { dispatcher, settle, itemsOf, endOf } = setup();
    await dispatcher.handle({ kind: 'open', id: 1, stream: 'test.fail', input: {} });
    await settle();
    expect(itemsOf(1)).toEqual([1]);
    expect(endOf(1)).toEqual({
      kind: 'end',
      id: 1,
      error: { message: 'the log file was removed', code: 'not-found' },
    });
  });
});
