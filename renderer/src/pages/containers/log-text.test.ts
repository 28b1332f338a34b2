import { describe, expect, it } from 'vitest';
import { highlightParts, logFileText, matchingLines } from './log-text.js';

const line = (text: string, time = '2026-01-01T00:00:00.000000000Z') => ({
  stream: 'stdout' as const,
  time,
  text,
  complete: true,
});

describe('log text', () => {
  it('splits out every match for highlighting, ignoring case', () => {
    expect(highlightParts('Error: error again', 'error')).toEqual([
      { text: 'Error', match: true },
      { text: ': ', match: false },
      { text: 'error', match: true },
      { text: ' again', match: false },
    ]);
    expect(highlightParts('plain', '')).toEqual([{ text: 'plain', match: false }]);
    expect(highlightParts('', 'x')).toEqual([{ text: '', match: false }]);
  });

  it('finds matching lines and writes the download', () => {
    const lines = [line('hello'), line('world'), line('HELLO again', '2026-01-01T00:00:01Z')];
    expect(matchingLines(lines, 'hello')).toEqual([0, 2]);
    expect(logFileText(lines.slice(2), true)).toBe('2026-01-01T00:00:01Z HELLO again\n');
    expect(logFileText(lines.slice(0, 2), false)).toBe('hello\nworld\n');
  });
});
