// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProgressBar } from './ProgressBar.js';

afterEach(cleanup);

describe('ProgressBar', () => {
  it('reports a percentage, capped at 100, and none while the total is unknown', () => {
    render(
      <>
        <ProgressBar label="a" done={1} total={3} />
        <ProgressBar label="b" done={5} total={4} />
        <ProgressBar label="c" done={5} total={0} />
      </>,
    );
    expect(screen.getByRole('progressbar', { name: 'a' }).getAttribute('aria-valuenow')).toBe('33');
    expect(screen.getByRole('progressbar', { name: 'b' }).getAttribute('aria-valuenow')).toBe('100');
    const unknown = screen.getByRole('progressbar', { name: 'c' });
    expect(unknown.hasAttribute('aria-valuenow')).toBe(false);
    expect(unknown.className).toContain('progress-indeterminate');
  });
});
