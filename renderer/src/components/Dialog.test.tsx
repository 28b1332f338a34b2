// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog.js';

afterEach(cleanup);

describe('Dialog', () => {
  it('is a labelled modal that focuses its first field and closes on Escape', () => {
    const onClose = vi.fn();
    render(
      <Dialog title="Tag image" onClose={onClose} actions={<button type="button">Save</button>}>
        <input aria-label="New tag" />
      </Dialog>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Tag image' });
    expect(document.activeElement).toBe(screen.getByLabelText('New tag'));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
