// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JsonView } from './JsonView.js';

afterEach(cleanup);

describe('JsonView', () => {
  it('shows indented JSON and copies it', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const value = { Id: 'abc', RootFS: { Layers: ['sha256:1'] } };
    render(<JsonView value={value} label="Inspect" />);
    const text = screen.getByLabelText('Inspect').textContent!;
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain('\n  "RootFS"');
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(text);
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
  });
});
