// Pull an image: the reference, then per-layer progress while it downloads (TransferProgressDialog:
// "Run in background" leaves the pull in the task panel; "Cancel pull" stops it in the engine).
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useEngine } from '../../api/engine-context.js';
import { Dialog } from '../../components/Dialog.js';
import { useTask } from '../../stores/task-store.js';
import { useImagesUiStore } from './images-ui-store.js';
import { startPullTask } from './pull-task.js';
import { TransferProgressDialog } from './TransferProgressDialog.js';

export function PullImageDialog({ taskId }: { taskId?: string }) {
  const engine = useEngine();
  const queryClient = useQueryClient();
  const [reference, setReference] = useState('');
  const task = useTask(taskId);
  const openDialog = useImagesUiStore((s) => s.openDialog);
  const close = useImagesUiStore((s) => s.closeDialog);

  const start = () => {
    const trimmed = reference.trim();
    if (!trimmed) return;
    openDialog({ kind: 'pull', taskId: startPullTask(engine, queryClient, trimmed) });
  };

  if (!task) {
    return (
      <Dialog
        title="Pull an image"
        onClose={close}
        actions={
          <>
            <button type="button" className="button" onClick={close}>
              Close
            </button>
            <button
              type="submit"
              form="pull-form"
              className="button button-primary"
              disabled={reference.trim() === ''}
            >
              Pull
            </button>
          </>
        }
      >
        <form
          id="pull-form"
          onSubmit={(e) => {
            e.preventDefault();
            start();
          }}
        >
          <label className="field">
            <span>Image</span>
            <input
              value={reference}
              onChange={(e) => setReference(e.target.value)}
              placeholder="docker.io/library/alpine:latest"
              aria-label="Image to pull"
              spellCheck={false}
              autoComplete="off"
            />
          </label>
          <p className="muted hint">
            A short name (alpine) is looked up in the search registries of registries.conf.
          </p>
        </form>
      </Dialog>
    );
  }

  return <TransferProgressDialog task={task} verb="Pull" onClose={close} />;
}
