import { describe, expect, it } from 'vitest';
import { DetachKeyMatcher, parseDetachKeys } from './detach-keys.js';

describe('parseDetachKeys', () => {
  it('parses ctrl keys and plain characters', () => {
    expect([...parseDetachKeys('ctrl-p,ctrl-q')]).toEqual([16, 17]);
    expect([...parseDetachKeys('a,ctrl-@,ctrl-[,ctrl-_')]).toEqual([97, 0, 27, 31]);
    expect(parseDetachKeys('').length).toBe(0);
  });
  it('rejects bad keys', () => {
    expect(() => parseDetachKeys('ctrl-1')).toThrow(/invalid detach key "ctrl-1"/);
    expect(() => parseDetachKeys('ab')).toThrow(/invalid detach key "ab"/);
  });
});

describe('DetachKeyMatcher', () => {
  const keys = parseDetachKeys('ctrl-p,ctrl-q');
  it('detects the sequence across chunks and drops it', () => {
    const m = new DetachKeyMatcher(keys);
    expect(m.scan(Buffer.from('ab\x10'))).toEqual({ forward: Buffer.from('ab'), detached: false });
    expect(m.scan(Buffer.from('\x11rest'))).toEqual({ forward: Buffer.from(''), detached: true });
  });
  it('passes a broken prefix through', () => {
    const m = new DetachKeyMatcher(keys);
    expect(m.scan(Buffer.from('\x10x')).forward).toEqual(Buffer.from('\x10x'));
    expect(m.scan(Buffer.from('\x10\x10\x11')).detached).toBe(true);
  });
  it('never detaches when disabled', () => {
    const m = new DetachKeyMatcher(parseDetachKeys(''));
    expect(m.scan(Buffer.from('\x10\x11'))).toEqual({ forward: Buffer.from('\x10\x11'), detached: false });
  });
});
