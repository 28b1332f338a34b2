// A transfer's per-layer progress folded into its task, the same for pulls and pushes: each
// layer's latest state, and the bytes of all layers as the task's progress.
import type { LayerProgress, Task } from './task-store.js';

export interface LayerProgressItem extends LayerProgress {
  status: Exclude<LayerProgress['status'], 'waiting'>;
  digest: string;
}

export function applyLayerProgress(task: Task, item: LayerProgressItem): Partial<Task> {
  const { digest, ...layer } = item;
  const layers: Record<string, LayerProgress> = { ...task.layers, [digest]: layer };
  const all = Object.values(layers);
  const done = all.reduce((sum, l) => sum + l.done, 0);
  // The whole size is known once every layer has reported; until then the bar says "busy"
  // rather than a fraction that would jump back when the next layer starts.
  const total =
    all.length >= (task.expectedLayers ?? Infinity) ? all.reduce((sum, l) => sum + l.total, 0) : 0;
  return { layers, progress: { done, total } };
}
