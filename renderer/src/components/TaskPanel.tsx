// The task panel: long work in progress (pulls, pushes, builds; machine starts later) with its
// progress (per layer for pulls and pushes) and a cancel button, and how finished work ended. A
// status-bar button opens it and shows how many tasks are running.
import { useShallow } from 'zustand/react/shallow';
import { cancelTask, useTaskStore, type Task } from '../stores/task-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { formatBytes } from './format-bytes.js';
import { LayerProgressList } from './LayerProgressList.js';
import { ProgressBar } from './ProgressBar.js';

const STATUS_LABELS: Record<Task['status'], string> = {
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function TaskItem({ task }: { task: Task }) {
  const dismiss = useTaskStore((s) => s.dismiss);
  return (
    <li className={`task task-${task.status}`} aria-label={task.title}>
      <div className="task-head">
        <span className="task-title">{task.title}</span>
        <span className="task-status">{STATUS_LABELS[task.status]}</span>
      </div>
      {task.status === 'running' ? (
        <ProgressBar
          label={`${task.title} progress`}
          done={task.progress?.done ?? 0}
          total={task.progress?.total ?? 0}
        />
      ) : null}
      <div className="task-detail">
        {task.detail}
        {task.status === 'running' && task.progress
          ? task.progress.total > 0
            ? ` · ${formatBytes(task.progress.done)} of ${formatBytes(task.progress.total)}`
            : ` · ${formatBytes(task.progress.done)}`
          : ''}
      </div>
      {task.status === 'running' && task.layers ? (
        <LayerProgressList layers={task.layers} transfer={task.transfer} />
      ) : null}
      <div className="task-actions">
        {task.status === 'running' && task.cancel ? (
          <button type="button" className="button button-small" onClick={() => cancelTask(task.id)}>
            Cancel
          </button>
        ) : null}
        {task.status !== 'running' ? (
          <button type="button" className="button button-small" onClick={() => dismiss(task.id)}>
            Dismiss
          </button>
        ) : null}
      </div>
    </li>
  );
}

export function TaskPanel() {
  const tasks = useTaskStore(useShallow((s) => s.tasks));
  const [open, setOpen] = useUiStore(useShallow((s) => [s.taskPanelOpen, s.setTaskPanelOpen]));
  const running = tasks.filter((t) => t.status === 'running').length;
  return (
    <div className="task-area">
      {open ? (
        <section className="task-panel" aria-label="Tasks">
          <div className="task-panel-head">
            <h2>Tasks</h2>
            <button type="button" className="button button-small" onClick={() => setOpen(false)}>
              Hide
            </button>
          </div>
          {tasks.length === 0 ? (
            <p className="muted">No tasks. Pulls and other long work show here.</p>
          ) : (
            <ul>
              {[...tasks].reverse().map((task) => (
                <TaskItem key={task.id} task={task} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <button type="button" className="status-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {running > 0 ? `Tasks (${running} running)` : 'Tasks'}
      </button>
    </div>
  );
}
