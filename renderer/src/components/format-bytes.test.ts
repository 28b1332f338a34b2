import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes.js';

describe('formatBytes', () => {
  it('prints decimal units with three significant digits', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(4_500_000)).toBe('4.5 MB');
    expect(formatBytes(25_123_456_789)).toBe('25.1 GB');
  });
});
