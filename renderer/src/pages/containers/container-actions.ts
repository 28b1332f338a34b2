// Running the container verbs from the list, the details page and bulk selections: each answer
// (the container's new summary) goes straight into the cache, failures are reported once for the
// whole batch, and the containers an action is working on are marked busy meanwhile.
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { dropContainers, upsertContainer } from '../../api/container-cache.js';
import { useEngine } from '../../api/engine-context.js';
import { useContainersUiStore } from './containers-ui-store.js';

export type ContainerVerb = 'start' | 'stop' | 'restart' | 'pause' | 'unpause';

const METHODS = {
  start: 'containers.start',
  stop: 'containers.stop',
  restart: 'containers.restart',
  pause: 'containers.pause',
  unpause: 'containers.unpause',
} as const;

export interface ContainerActions {
  /** Runs a verb on each container (in parallel); resolves once all are done. */
  run(verb: ContainerVerb, ids: readonly string[]): Promise<boolean>;
  /** Removes containers, running ones too (killed first), with their anonymous volumes. */
  remove(ids: readonly string[]): Promise<boolean>;
}

function failureMessage(verb: string, failures: readonly { id: string; error: unknown }[]): string {
  return failures
    .map(
      (f) =>
        `Could not ${verb} ${f.id.slice(0, 12)}: ${f.error instanceof Error ? f.error.message : String(f.error)}`,
    )
    .join('\n');
}

export function useContainerActions(): ContainerActions {
  const engine = useEngine();
  const queryClient = useQueryClient();
  return useMemo(() => {
    const batch = async <T>(
      verb: string,
      ids: readonly string[],
      work: (id: string) => Promise<T>,
      done: (id: string, value: T) => void,
    ): Promise<boolean> => {
      const ui = useContainersUiStore.getState();
      ui.setActionError(undefined);
      ui.setBusy(ids, true);
      try {
        const outcomes = await Promise.allSettled(ids.map(work));
        const failures: { id: string; error: unknown }[] = [];
        outcomes.forEach((outcome, index) => {
          if (outcome.status === 'fulfilled') done(ids[index]!, outcome.value);
          else failures.push({ id: ids[index]!, error: outcome.reason });
        });
        if (failures.length > 0)
          useContainersUiStore.getState().setActionError(failureMessage(verb, failures));
        return failures.length === 0;
      } finally {
        useContainersUiStore.getState().setBusy(ids, false);
      }
    };
    return {
      run: (verb, ids) =>
        batch(
          verb,
          ids,
          (container) => engine.call(METHODS[verb], { container }),
          (_id, summary) => upsertContainer(queryClient, summary),
        ),
      remove: (ids) =>
        batch(
          'delete',
          ids,
          (container) => engine.call('containers.remove', { container, force: true, volumes: true }),
          (id) => {
            dropContainers(queryClient, [id]);
            const ui = useContainersUiStore.getState();
            if (ui.selected.has(id)) {
              const selected = new Set(ui.selected);
              selected.delete(id);
              ui.setSelected(selected);
            }
          },
        ),
    };
  }, [engine, queryClient]);
}
