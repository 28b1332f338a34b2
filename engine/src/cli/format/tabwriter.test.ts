import { describe, expect, it } from 'vitest';
import { alignTabs } from './tabwriter.js';

describe('alignTabs', () => {
  it('matches podman images output exactly', () => {
    const input =
      'REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n' +
      'docker.io/library/busybox\tlatest\ta416a98b71e2\t2 weeks ago\t4.5 MB\n';
    expect(alignTabs(input)).toBe(
      'REPOSITORY                 TAG         IMAGE ID      CREATED      SIZE\n' +
        'docker.io/library/busybox  latest      a416a98b71e2  2 weeks ago  4.5 MB\n',
    );
  });

  it('pads columns to at least the minimum width of 12', () => {
    expect(alignTabs('A\tB\nx\ty\n')).toBe('A           B\nx           y\n');
  });

  it('does not pad the text after the last tab', () => {
    expect(alignTabs('a\tb  \n')).toBe('a           b  \n');
  });

  it('computes widths per block of consecutive lines that have the column', () => {
    const input = 'long-first-cell\tx\nno tabs here\nshort\ty\n';
    expect(alignTabs(input)).toBe('long-first-cell  x\nno tabs here\nshort       y\n');
  });

  it('lets a line with fewer cells end the block of a later column only', () => {
    const input = 'a\tbbbbbbbbbbbbbbbbbb\tc\nd\te\nf\tg\th\n';
    expect(alignTabs(input)).toBe(
      'a           bbbbbbbbbbbbbbbbbb  c\n' + 'd           e\n' + 'f           g           h\n',
    );
  });

  it('counts width in code points', () => {
    expect(alignTabs('héllo😀\tx\nab\ty\n')).toBe('héllo😀      x\nab          y\n');
  });

  it('keeps empty cells and text without a trailing newline', () => {
    expect(alignTabs('\tx\ny\tz')).toBe('            x\ny           z');
    expect(alignTabs('')).toBe('');
    expect(alignTabs('no tabs\n')).toBe('no tabs\n');
  });

  it('treats a vertical tab as a cell terminator, like Go', () => {
    expect(alignTabs('a\vb\n')).toBe('a           b\n');
  });
});
