// A build as a task: the `images.build` stream drives the task's detail (the current step) and
// the build's log, kept apart from the task store so that a long RUN output does not re-render
// the task panel. Cancelling the task cancels the stream, which stops the build in the engine.
import type { QueryClient } from '@tanstack/react-query';
import { create } from 'zustand';
import type { StreamInput } from '../../../../engine/src/contract/engine-contract.js';
import type { BuildProgress } from '../../../../engine/src/contract/image-types.js';
import type { EngineClient } from '../../api/engine-client.js';
import { refreshImage } from '../../api/image-cache.js';
import { useTaskStore } from '../../stores/task-store.js';

/** One line of a build's log: podman's lines (`step` for STEP lines) and RUN output. */
export interface BuildLogLine {
  kind: 'step' | 'line' | 'stdout' | 'stderr';
  text: string;
}

/** The log keeps its last lines only: a build printing millions must not fill the renderer's memory. */
export const BUILD_LOG_LIMIT = 5000;

interface BuildLogState {
  logs: Record<string, BuildLogLine[]>;
  /** Lines dropped from the start of a log to stay under the limit. */
  dropped: Record<string, number>;
  append(taskId: string, lines: readonly BuildLogLine[]): void;
}

export const useBuildLogStore = create<BuildLogState>()((set) => ({
  logs: {},
  dropped: {},
  append: (taskId, lines) =>
    set((state) => {
      const all = [...(state.logs[taskId] ?? []), ...lines];
      const extra = Math.max(0, all.length - BUILD_LOG_LIMIT);
      return {
        logs: { ...state.logs, [taskId]: extra > 0 ? all.slice(extra) : all },
        dropped:
          extra > 0 ? { ...state.dropped, [taskId]: (state.dropped[taskId] ?? 0) + extra } : state.dropped,
      };
    }),
}));

/** RUN output arrives in chunks that need not end at a line break: the rest waits for the next. */
export class OutputLines {
  private pending: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };

  push(stream: 'stdout' | 'stderr', data: string): BuildLogLine[] {
    const parts = (this.pending[stream] + data).split(/\r?\n/);
    this.pending[stream] = parts.pop()!;
    return parts.map((text) => ({ kind: stream, text }));
  }

  flush(): BuildLogLine[] {
    const lines = (['stdout', 'stderr'] as const)
      .filter((s) => this.pending[s] !== '')
      .map((s) => ({ kind: s, text: this.pending[s] }));
    this.pending = { stdout: '', stderr: '' };
    return lines;
  }
}

export function logLinesOf(event: BuildProgress, output: OutputLines): BuildLogLine[] {
  switch (event.type) {
    case 'step':
      return [...output.flush(), { kind: 'step', text: event.text }];
    case 'line':
      return [...output.flush(), { kind: 'line', text: event.text }];
    case 'output':
      return output.push(event.stream, event.data);
    case 'done':
      return [...output.flush(), { kind: 'line', text: event.imageId }];
  }
}

function buildTitle(input: StreamInput<'images.build'>): string {
  return `Build ${input.tags?.[0] ?? input.contextDir}`;
}

export function startBuildTask(
  engine: EngineClient,
  queryClient: QueryClient,
  input: StreamInput<'images.build'>,
): string {
  const tasks = useTaskStore.getState();
  const controller = new AbortController();
  const id = tasks.start({ title: buildTitle(input), detail: 'Starting', cancel: () => controller.abort() });
  const append = useBuildLogStore.getState().append;
  void (async () => {
    const output = new OutputLines();
    let done: Extract<BuildProgress, { type: 'done' }> | undefined;
    try {
      for await (const event of engine.stream('images.build', input, { signal: controller.signal })) {
        append(id, logLinesOf(event, output));
        if (event.type === 'step')
          tasks.update(id, () => ({
            detail: event.text,
            progress: event.stages > 1 ? undefined : { done: event.step - 1, total: event.steps },
          }));
        if (event.type === 'done') done = event;
      }
      append(id, output.flush());
      if (done) {
        await refreshImage(queryClient, engine, done.imageId).catch(() => undefined);
        tasks.finish(id, 'succeeded', `Built ${done.names[0] ?? done.imageId.slice(0, 12)}`);
      } else if (controller.signal.aborted) {
        tasks.finish(id, 'cancelled', 'Build cancelled: nothing was tagged');
      } else {
        tasks.finish(id, 'failed', 'The build ended without an image');
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      append(id, [...output.flush(), { kind: 'stderr', text: `Error: ${message}` }]);
      tasks.finish(id, 'failed', message);
    }
  })();
  return id;
}
