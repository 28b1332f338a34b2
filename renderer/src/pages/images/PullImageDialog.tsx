// Pull an image: the reference, then per-layer progress while it downloads. "Run in background"
// closes the dialog and leaves the pull in the task panel; "Cancel pull" stops it in the engine.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useEngine } from '../../api/engine-context.js';
import { Dialog } from '../../components/Dialog.js';
import { formatBytes } from '../../components/format-bytes.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { cancelTask, useTask, type LayerProgress } from '../../stores/task-store.js';
import { useImagesUiStore } from './images-ui-store.js';
import { startPullTask } from './pull-task.js';

const LAYER_STATUS: Record<LayerProgress['status'], string> = {
  waiting: 'Waiting',
  skipped: 'Already present',
  started: 'Downloading',
  progress: 'Downloading',
  done: 'Done',
};

function LayerList({ layers }: { layers: Record<string, LayerProgress> }) {
  return (
    <ul className="layer-list" aria-label="Layers">
      {Object.entries(layers).map(([digest, layer]) => {
        const short = digest.replace(/^sha256:/, '').slice(0, 12);
        return (
          <li key={digest} className="layer" aria-label={`Layer ${short}`}>
            <span className="mono">{short}</span>
            <ProgressBar
              label={`Layer ${short}`}
              done={layer.status === 'skipped' ? layer.total : layer.done}
              total={layer.total}
            />
            <span className="layer-status">
              {LAYER_STATUS[layer.status]}
              {layer.status === 'progress' || layer.status === 'started'
                ? ` ${formatBytes(layer.done)} / ${formatBytes(layer.total)}`
                : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

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

  const running = task.status === 'running';
  return (
    <Dialog
      title={task.title}
      onClose={close}
      wide
      actions={
        running ? (
          <>
            <button type="button" className="button" onClick={close}>
              Run in background
            </button>
            <button type="button" className="button button-danger" onClick={() => cancelTask(task.id)}>
              Cancel pull
            </button>
          </>
        ) : (
          <button type="button" className="button button-primary" onClick={close}>
            Close
          </button>
        )
      }
    >
      {running ? (
        <ProgressBar
          label="Pull progress"
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
      {task.layers ? <LayerList layers={task.layers} /> : null}
    </Dialog>
  );
}
