// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LayerProgressList } from './LayerProgressList.js';

afterEach(cleanup);

const digest = (c: string) => `sha256:${c.repeat(64)}`;

describe('LayerProgressList', () => {
  it('words each layer for the way it goes: downloads, uploads, and why one was skipped', () => {
    const layers = {
      [digest('1')]: { status: 'progress' as const, done: 500, total: 2000 },
      [digest('2')]: { status: 'skipped' as const, done: 0, total: 800, reason: 'mounted' as const },
      [digest('3')]: { status: 'skipped' as const, done: 0, total: 800, reason: 'exists' as const },
      [digest('4')]: { status: 'done' as const, done: 900, total: 900 },
    };
    const { rerender } = render(<LayerProgressList layers={layers} transfer="upload" />);
    const text = (c: string) => screen.getByRole('listitem', { name: `Layer ${c.repeat(12)}` }).textContent;
    expect(text('1')).toBe(`${'1'.repeat(12)}Uploading 500 B / 2 kB`);
    expect(text('2')).toContain('Mounted from another repository');
    expect(text('3')).toContain('Already in the registry');
    expect(text('4')).toContain('Done');
    // A skipped layer's bar is full: its bytes are there already.
    expect(
      screen.getByRole('progressbar', { name: `Layer ${'2'.repeat(12)}` }).getAttribute('aria-valuenow'),
    ).toBe('100');
    rerender(<LayerProgressList layers={{ [digest('1')]: layers[digest('1')]! }} transfer="download" />);
    expect(text('1')).toContain('Downloading 500 B / 2 kB');
  });
});
