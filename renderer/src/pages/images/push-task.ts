// A push as a task: the `images.push` stream drives the task's per-layer progress; cancelling the
// task cancels the stream, which aborts the uploads in the engine before the manifest is written,
// so the destination gets no tag. The image is read again once pushed (a push through a remote
// engine adds the destination to its names).
import type { QueryClient } from '@tanstack/react-query';
import type { StreamInput } from '../../../../engine/src/contract/engine-contract.js';
import type { PushProgress } from '../../../../engine/src/contract/image-types.js';
import type { EngineClient } from '../../api/engine-client.js';
import { refreshImage } from '../../api/image-cache.js';
import { applyLayerProgress } from '../../stores/task-layers.js';
import { useTaskStore, type Task } from '../../stores/task-store.js';

function applyProgress(task: Task, event: PushProgress): Partial<Task> {
  switch (event.type) {
    case 'started':
      return {
        detail: `Uploading ${event.layers} layer${event.layers === 1 ? '' : 's'} to ${event.destination}`,
        expectedLayers: event.layers,
      };
    case 'layer':
      return applyLayerProgress(task, event);
    case 'config':
      return { detail: 'Writing the manifest' };
    case 'manifest':
      return { detail: `Pushed ${event.digest}` };
  }
}

export function startPushTask(
  engine: EngineClient,
  queryClient: QueryClient,
  imageId: string,
  input: StreamInput<'images.push'>,
): string {
  const tasks = useTaskStore.getState();
  const controller = new AbortController();
  const name = input.destination ?? input.image;
  const id = tasks.start({
    title: `Push ${name}`,
    detail: 'Starting',
    transfer: 'upload',
    cancel: () => controller.abort(),
  });
  void (async () => {
    let manifest: Extract<PushProgress, { type: 'manifest' }> | undefined;
    try {
      const stream = engine.stream('images.push', input, { signal: controller.signal });
      for await (const event of stream) {
        if (event.type === 'manifest') manifest = event;
        tasks.update(id, (task) => applyProgress(task, event));
      }
      if (manifest) {
        await refreshImage(queryClient, engine, imageId).catch(() => undefined);
        tasks.finish(id, 'succeeded', `Pushed ${name} (${manifest.digest.slice(0, 19)})`);
      } else if (controller.signal.aborted) {
        tasks.finish(id, 'cancelled', 'Push cancelled: the manifest was not written, so nothing was tagged');
      } else {
        tasks.finish(id, 'failed', 'The push ended before its manifest was written: nothing was tagged');
      }
    } catch (error) {
      tasks.finish(id, 'failed', error instanceof Error ? error.message : String(error));
    }
  })();
  return id;
}
