// A pull as a task: the `images.pull` stream drives the task's per-layer progress; cancelling
// the task cancels the stream, which aborts the pull in the engine (the store stays as it was).
// When the image is stored it is added to the cached list (one image read, not the list).
import type { QueryClient } from '@tanstack/react-query';
import type { PullProgress } from '../../../../engine/src/contract/image-types.js';
import type { EngineClient } from '../../api/engine-client.js';
import { refreshImage } from '../../api/image-cache.js';
import { applyLayerProgress } from '../../stores/task-layers.js';
import { useTaskStore, type Task } from '../../stores/task-store.js';

function applyProgress(task: Task, event: PullProgress): Partial<Task> {
  switch (event.type) {
    case 'trying':
      return { detail: `Trying ${event.reference}` };
    case 'resolved':
      return {
        detail: `Downloading ${event.layers} layer${event.layers === 1 ? '' : 's'}`,
        expectedLayers: event.layers,
      };
    case 'layer':
      return applyLayerProgress(task, event);
    case 'config':
      return { detail: 'Writing image' };
    case 'stored':
      return { detail: `Stored ${event.names[0] ?? event.imageId.slice(0, 12)}` };
    case 'warning':
      return { detail: `Warning: ${event.message}` };
  }
}

export function startPullTask(engine: EngineClient, queryClient: QueryClient, reference: string): string {
  const tasks = useTaskStore.getState();
  const controller = new AbortController();
  const id = tasks.start({
    title: `Pull ${reference}`,
    detail: 'Starting',
    transfer: 'download',
    cancel: () => controller.abort(),
  });
  void (async () => {
    let stored: Extract<PullProgress, { type: 'stored' }> | undefined;
    try {
      const stream = engine.stream('images.pull', { reference }, { signal: controller.signal });
      for await (const event of stream) {
        if (event.type === 'stored') stored = event;
        tasks.update(id, (task) => applyProgress(task, event));
      }
      if (stored) {
        await refreshImage(queryClient, engine, stored.imageId).catch(() => undefined);
        tasks.finish(id, 'succeeded', `Pulled ${stored.names[0] ?? stored.imageId.slice(0, 12)}`);
      } else if (controller.signal.aborted) {
        tasks.finish(id, 'cancelled', 'Pull cancelled: nothing was stored');
      } else {
        tasks.finish(id, 'failed', 'The pull ended without storing an image');
      }
    } catch (error) {
      tasks.finish(id, 'failed', error instanceof Error ? error.message : String(error));
    }
  })();
  return id;
}
