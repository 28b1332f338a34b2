// A pull's or push's dialog once it runs: the whole transfer's bar, what is happening now (or how
// it ended) and each layer's progress. "Run in background" closes the dialog and leaves the task
// in the task panel; the cancel button stops the transfer in the engine.
import { Dialog } from '../../components/Dialog.js';
import { LayerProgressList } from '../../components/LayerProgressList.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { cancelTask, type Task } from '../../stores/task-store.js';

export function TransferProgressDialog({
  task,
  verb,
  onClose,
}: {
  task: Task;
  /** "Pull" or "Push": names the bar and the cancel button. */
  verb: string;
  onClose(): void;
}) {
  const running = task.status === 'running';
  return (
    <Dialog
      title={task.title}
      onClose={onClose}
      wide
      actions={
        running ? (
          <>
            <button type="button" className="button" onClick={onClose}>
              Run in background
            </button>
            <button type="button" className="button button-danger" onClick={() => cancelTask(task.id)}>
              Cancel {verb.toLowerCase()}
            </button>
          </>
        ) : (
          <button type="button" className="button button-primary" onClick={onClose}>
            Close
          </button>
        )
      }
    >
      {running ? (
        <ProgressBar
          label={`${verb} progress`}
          done={task.progress?.done ?? 0}
          total={task.progress?.total ?? 0}
        />
      ) : null}
      <p
        className={task.status === 'failed' ? 'pull-status error-text' : 'pull-status'}
        role={task.status === 'failed' ? 'alert' : 'status'}
      >
        {task.detail}
      </p>
      {task.layers ? <LayerProgressList layers={task.layers} transfer={task.transfer} /> : null}
    </Dialog>
  );
}
