import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cancelTask, useTaskStore } from './task-store.js';

beforeEach(() => useTaskStore.setState({ tasks: [] }));

describe('task store', () => {
  it('tracks a task from start to its end, and only ended tasks can be dismissed', () => {
    const cancel = vi.fn();
    const { start, update, finish, dismiss } = useTaskStore.getState();
    const id = start({ title: 'Pull busybox', detail: 'Starting', cancel });
    update(id, () => ({ progress: { done: 5, total: 10 } }));
    dismiss(id);
    expect(useTaskStore.getState().tasks).toHaveLength(1);
    cancelTask(id);
    expect(cancel).toHaveBeenCalledTimes(1);
    finish(id, 'cancelled', 'Cancelled');
    // Late progress of a finished task is ignored, and it can no longer be cancelled.
    update(id, () => ({ progress: { done: 9, total: 10 } }));
    const task = useTaskStore.getState().tasks[0]!;
    expect(task).toMatchObject({
      status: 'cancelled',
      detail: 'Cancelled',
      progress: { done: 5, total: 10 },
    });
    expect(task.cancel).toBeUndefined();
    dismiss(id);
    expect(useTaskStore.getState().tasks).toEqual([]);
  });
});
