// Long work the user started (pulls, pushes, builds; machine starts later): progress, outcome,
// and a way to cancel. The task panel and the dialogs that started the work read it.
import { create } from 'zustand';

export type TaskStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface LayerProgress {
  status: 'waiting' | 'skipped' | 'started' | 'progress' | 'done';
  done: number;
  total: number;
  /** Why a pushed layer was skipped: the registry had it, or mounted it from another repository. */
  reason?: 'exists' | 'mounted';
}

export interface Task {
  id: string;
  title: string;
  status: TaskStatus;
  /** What is happening now, or how it ended. */
  detail: string;
  /** Bytes (or steps) done and in total, when known. */
  progress?: { done: number; total: number };
  /** Per-layer progress of a pull or push, by layer digest, in the order the layers started. */
  layers?: Record<string, LayerProgress>;
  /** How many layers the pull or push will report. */
  expectedLayers?: number;
  /** Which way the layers go: how their progress is worded. */
  transfer?: 'download' | 'upload';
  startedAt: number;
  /** Asks the work to stop at the source; absent once the task has ended. */
  cancel?: () => void;
}

interface TaskState {
  tasks: Task[];
  start(task: Pick<Task, 'title' | 'detail' | 'cancel' | 'transfer'>): string;
  update(id: string, change: (task: Task) => Partial<Task>): void;
  finish(id: string, status: Exclude<TaskStatus, 'running'>, detail: string): void;
  dismiss(id: string): void;
}

let nextTaskId = 1;

export const useTaskStore = create<TaskState>()((set) => ({
  tasks: [],
  start: (task) => {
    const id = `task-${nextTaskId++}`;
    set((state) => ({
      tasks: [...state.tasks, { ...task, id, status: 'running', startedAt: Date.now() }],
    }));
    return id;
  },
  update: (id, change) =>
    set((state) => ({
      tasks: state.tasks.map((t) => (t.id === id && t.status === 'running' ? { ...t, ...change(t) } : t)),
    })),
  finish: (id, status, detail) =>
    set((state) => ({
      tasks: state.tasks.map((t) => (t.id === id ? { ...t, status, detail, cancel: undefined } : t)),
    })),
  dismiss: (id) =>
    set((state) => ({ tasks: state.tasks.filter((t) => t.id !== id || t.status === 'running') })),
}));

export function cancelTask(id: string): void {
  useTaskStore
    .getState()
    .tasks.find((t) => t.id === id)
    ?.cancel?.();
}

export function useTask(id: string | undefined): Task | undefined {
  return useTaskStore((state) => (id === undefined ? undefined : state.tasks.find((t) => t.id === id)));
}
