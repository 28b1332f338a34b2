// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTaskStore } from '../stores/task-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { TaskPanel } from './TaskPanel.js';

beforeEach(() => {
  useTaskStore.setState({ tasks: [] });
  useUiStore.setState({ taskPanelOpen: false });
});
afterEach(cleanup);

describe('TaskPanel', () => {
  it('counts running tasks, shows their progress, cancels and dismisses', () => {
    const cancel = vi.fn();
    render(<TaskPanel />);
    let id = '';
    act(() => {
      id = useTaskStore.getState().start({ title: 'Pull busybox', detail: 'Downloading', cancel });
      useTaskStore.getState().update(id, () => ({ progress: { done: 500_000, total: 2_000_000 } }));
    });
    const toggle = screen.getByRole('button', { name: 'Tasks (1 running)' });
    fireEvent.click(toggle);
    const task = within(screen.getByRole('region', { name: 'Tasks' })).getByRole('listitem', {
      name: 'Pull busybox',
    });
    expect(within(task).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
    expect(task.textContent).toContain('500 kB of 2 MB');
    fireEvent.click(within(task).getByRole('button', { name: 'Cancel' }));
    expect(cancel).toHaveBeenCalledTimes(1);
    act(() => useTaskStore.getState().finish(id, 'cancelled', 'Pull cancelled'));
    expect(screen.getByRole('button', { name: 'Tasks' })).toBeTruthy();
    expect(task.textContent).toContain('Pull cancelled');
    fireEvent.click(within(task).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('listitem')).toBeNull();
  });
});
