// Per-layer progress of a pull or a push: each layer's short digest, bar and state. The pull and
// push dialogs and the task panel draw it from the task's layers.
import type { LayerProgress, Task } from '../stores/task-store.js';
import { formatBytes } from './format-bytes.js';
import { ProgressBar } from './ProgressBar.js';

function statusText(layer: LayerProgress, transfer: Task['transfer']): string {
  const moving = transfer === 'upload' ? 'Uploading' : 'Downloading';
  switch (layer.status) {
    case 'waiting':
      return 'Waiting';
    case 'skipped':
      return layer.reason === 'mounted'
        ? 'Mounted from another repository'
        : layer.reason === 'exists'
          ? 'Already in the registry'
          : 'Already present';
    case 'started':
    case 'progress':
      return `${moving} ${formatBytes(layer.done)} / ${formatBytes(layer.total)}`;
    case 'done':
      return 'Done';
  }
}

export function LayerProgressList({
  layers,
  transfer,
}: {
  layers: Record<string, LayerProgress>;
  transfer?: Task['transfer'];
}) {
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
            <span className="layer-status">{statusText(layer, transfer)}</span>
          </li>
        );
      })}
    </ul>
  );
}
